package io.periodclose.statement;

import java.util.function.Supplier;

/**
 * A distributor's statement as read from the books, or the reason the model refused it (figures that do not
 * reconcile). The refusal is kept, not thrown, so that one bad statement among those read together does not stop
 * the others: the statements step records it in place of a file.
 *
 * @param distributor the distributor's code
 * @param statement   the statement, {@code null} when refused
 * @param refusal     why the model refused it, else {@code null}
 */
public record SourcedStatement<T>(String distributor, T statement, RuntimeException refusal) {

    /** Builds the statement; the model's refusals are kept, anything else (the database failing) is thrown. */
    static <T> SourcedStatement<T> of(String distributor, Supplier<T> build) {
        try {
            return new SourcedStatement<>(distributor, build.get(), null);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new SourcedStatement<>(distributor, null, e);
        }
    }

    /** The statement, or its refusal thrown. */
    public T orElseThrow() {
        if (refusal != null) {
            throw refusal;
        }
        return statement;
    }
}
