package io.periodclose.statement;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.periodclose.statement.StatementRenderer.ENGLISH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The statements' processor: a PDF under the run's file name, or the refusal recorded in its place. */
class StatementRenderingTest {

    private static StatementRenderer renderer;

    @BeforeAll
    static void renderer() {
        renderer = new StatementRenderer(Path.of("reports"));
    }

    @Test
    void aQuarterStatementIsRenderedUnderTheFileNameOfTheRunsVersion() {
        QuarterStatement statement = SampleStatements.alfaQ3();
        String code = statement.header().distributorCode();

        RenderedStatement rendered = StatementRendering.quarter(renderer, ENGLISH, 2)
                .process(new SourcedStatement<>(code, statement, null));

        assertThat(rendered.fileName()).isEqualTo(StatementFiles.fileName(code, 2));
        assertThat(rendered.currency()).isEqualTo(statement.header().currency());
        assertThat(rendered.closingBalance()).isEqualByComparingTo(statement.closingBalance());
        assertThat(rendered.problem()).isNull();
        assertThat(new String(rendered.pdf(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    }

    @Test
    void anAnnualStatementIsVersionZero() {
        AnnualStatement statement = SampleStatements.alfa2026();
        String code = statement.header().distributorCode();

        RenderedStatement rendered = StatementRendering.annual(renderer, ENGLISH)
                .process(new SourcedStatement<>(code, statement, null));

        assertThat(rendered.fileName()).isEqualTo(StatementFiles.fileName(code, 0));
        assertThat(rendered.problem()).isNull();
    }

    @Test
    void aStatementTheModelRefusedIsRecordedWithItsReasonAndNoFile() {
        RenderedStatement rendered = StatementRendering.quarter(renderer, ENGLISH, 0)
                .process(new SourcedStatement<>("D1", null, new IllegalStateException("figures do not reconcile")));

        assertThat(rendered.distributor()).isEqualTo("D1");
        assertThat(rendered.problem()).isEqualTo("figures do not reconcile");
        assertThat(rendered.pdf()).isNull();
        assertThat(rendered.fileName()).isNull();
    }

    @Test
    void anyOtherFailureStopsTheStep() {
        var rendering = StatementRendering.quarter(renderer, ENGLISH, 0);
        var broken = new SourcedStatement<QuarterStatement>("D1", null, new UnsupportedOperationException("disk"));

        assertThatThrownBy(() -> rendering.process(broken)).isInstanceOf(UnsupportedOperationException.class);
    }
}
