package io.periodclose.importing;

import io.periodclose.BadInputException;
import io.periodclose.program.BonusProgram;
import io.periodclose.program.ProgramLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * SPEC §8.1: whether the programme of a claim's year lets the bonus pay the claim's direction. Each year's programme
 * is read once per import step, when its first claim comes. A year without a programme file restricts nothing (the
 * close of that year's quarters will ask for one); a programme file that cannot be read rejects the claims of its
 * year with the programme's own message, so that they can be imported again once the file is fixed.
 */
final class ClaimEligibility {

    /** What a year's programme file says about directions: a programme, none, or why it cannot be read. */
    private record Verdict(BonusProgram program, String unreadable) {
    }

    private final IntFunction<Verdict> programmeOfYear;
    private final Map<Integer, Verdict> byYear = new HashMap<>();

    private ClaimEligibility(IntFunction<Verdict> programmeOfYear) {
        this.programmeOfYear = programmeOfYear;
    }

    /** Reads the programmes from {@code programsDir}, as a close does. */
    static ClaimEligibility from(ProgramLoader loader, Path programsDir) {
        return new ClaimEligibility(year -> {
            if (!Files.exists(ProgramLoader.fileFor(programsDir, year))) {
                return new Verdict(null, null);
            }
            try {
                return new Verdict(loader.load(programsDir, year).program(), null);
            } catch (BadInputException e) {
                return new Verdict(null, e.getMessage());
            }
        });
    }

    /** The reason a claim in {@code direction} dated in {@code year} is refused, or {@code null} if it is eligible. */
    String refusal(int year, String direction) {
        Verdict verdict = byYear.computeIfAbsent(year, programmeOfYear::apply);
        if (verdict.unreadable() != null) {
            return "the programme of " + year + " cannot be read to check the direction: " + verdict.unreadable();
        }
        if (verdict.program() == null || verdict.program().isEligibleDirection(direction)) {
            return null;
        }
        return "direction " + direction + " is not eligible in " + verdict.program().id();
    }
}
