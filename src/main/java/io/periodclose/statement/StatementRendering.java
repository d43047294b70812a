package io.periodclose.statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Renders each distributor's statement into its PDF. A statement the model or the renderer refuses (figures that do
 * not reconcile, a name the font cannot show) is recorded with its reason, not allowed to stop the statements of
 * every other distributor.
 */
class StatementRendering<T> implements ItemProcessor<SourcedStatement<T>, RenderedStatement> {

    private static final Logger log = LoggerFactory.getLogger(StatementRendering.class);

    private final BiFunction<String, T, RenderedStatement> render;

    StatementRendering(BiFunction<String, T, RenderedStatement> render) {
        this.render = render;
    }

    /** Quarter statements of a close run, written as the run's version of each distributor's file. */
    static StatementRendering<QuarterStatement> quarter(StatementRenderer renderer, Locale locale, int version) {
        return new StatementRendering<>((code, statement) -> new RenderedStatement(code,
                statement.header().currency(), StatementFiles.fileName(code, version),
                renderer.renderQuarter(statement, locale), statement.closingBalance(), null));
    }

    /** Annual statements: one version per year, 0. */
    static StatementRendering<AnnualStatement> annual(StatementRenderer renderer, Locale locale) {
        return new StatementRendering<>((code, statement) -> new RenderedStatement(code,
                statement.header().currency(), StatementFiles.fileName(code, 0),
                renderer.renderAnnual(statement, locale), statement.closingBalance(), null));
    }

    @Override
    public RenderedStatement process(SourcedStatement<T> sourced) {
        String code = sourced.distributor();
        try {
            return render.apply(code, sourced.orElseThrow());
        } catch (IllegalArgumentException | IllegalStateException e) {
            log.warn("No statement for {}: {}", code, e.getMessage());
            return new RenderedStatement(code, null, null, null, null, e.getMessage());
        }
    }
}
