package io.periodclose.statement;

import io.periodclose.statement.StatementTemplates.Loaded;
import io.periodclose.statement.StatementTemplates.Origin;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.periodclose.statement.StatementRenderer.ANNUAL_TEMPLATE;
import static io.periodclose.statement.StatementRenderer.QUARTER_TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which copy of a template a renderer uses: the build's compiled one, an adjusted source, or a compiled source. */
class StatementTemplatesTest {

    private static final ClassLoader CLASS_PATH = StatementTemplatesTest.class.getClassLoader();

    @TempDir
    Path directory;

    @Test
    void theBuildCompiledEveryTemplateOntoTheClassPath() {
        assertThat(CLASS_PATH.getResource("reports/quarter-statement.jasper")).isNotNull();
        assertThat(CLASS_PATH.getResource("reports/annual-statement.jasper")).isNotNull();
    }

    @Test
    void withoutATemplateInTheDirectoryTheCompiledOneIsLoaded() {
        Loaded loaded = new StatementTemplates(directory, CLASS_PATH).load(QUARTER_TEMPLATE);

        assertThat(loaded.origin()).isEqualTo(Origin.PRECOMPILED);
        assertThat(loaded.report().getName()).isEqualTo("quarter-statement");
    }

    @Test
    void theProjectsOwnTemplatesAreTheCompiledOnes() {
        StatementTemplates templates = new StatementTemplates(Path.of("reports"), CLASS_PATH);

        assertThat(templates.load(QUARTER_TEMPLATE).origin()).isEqualTo(Origin.PRECOMPILED);
        assertThat(templates.load(ANNUAL_TEMPLATE).origin()).isEqualTo(Origin.PRECOMPILED);
    }

    @Test
    void anAdjustedTemplateInTheDirectoryIsCompiledAndUsed() throws IOException {
        String source = Files.readString(Path.of("reports", QUARTER_TEMPLATE));
        Files.writeString(directory.resolve(QUARTER_TEMPLATE),
                source.replace("name=\"quarter-statement\"", "name=\"quarter-statement-adjusted\""));

        Loaded loaded = new StatementTemplates(directory, CLASS_PATH).load(QUARTER_TEMPLATE);

        assertThat(loaded.origin()).isEqualTo(Origin.COMPILED_FROM_DIRECTORY);
        assertThat(loaded.report().getName()).isEqualTo("quarter-statement-adjusted");
    }

    @Test
    void withoutACompiledTemplateTheSourceOnTheClassPathIsCompiled() {
        Loaded fallback = new StatementTemplates(directory, hiding(".jasper")).load(ANNUAL_TEMPLATE);
        JasperReport precompiled = new StatementTemplates(directory, CLASS_PATH).load(ANNUAL_TEMPLATE).report();

        assertThat(fallback.origin()).isEqualTo(Origin.COMPILED_FROM_CLASS_PATH);
        assertThat(parameters(fallback.report())).isEqualTo(parameters(precompiled));
        assertThat(fallback.report().getPageHeight()).isEqualTo(precompiled.getPageHeight());
    }

    @Test
    void aTemplateFoundNowhereIsAClearError() {
        assertThatThrownBy(() -> new StatementTemplates(directory, hiding(".jasper", ".jrxml")).load(QUARTER_TEMPLATE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("quarter-statement.jrxml is neither in " + directory.toAbsolutePath())
                .hasMessageContaining("nor on the class path under reports/");
    }

    @Test
    void aDamagedCompiledTemplateSaysToRebuild() {
        ClassLoader damaged = new ClassLoader(CLASS_PATH) {
            @Override
            public InputStream getResourceAsStream(String name) {
                return name.endsWith(".jasper") ? InputStream.nullInputStream() : super.getResourceAsStream(name);
            }
        };

        assertThatThrownBy(() -> new StatementTemplates(directory, damaged).load(QUARTER_TEMPLATE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reports/quarter-statement.jasper cannot be loaded: rebuild with `mvn package`");
    }

    private static List<String> parameters(JasperReport report) {
        return Arrays.stream(report.getParameters()).map(JRParameter::getName).sorted().toList();
    }

    private static ClassLoader hiding(String... suffixes) {
        return new ClassLoader(CLASS_PATH) {
            @Override
            public InputStream getResourceAsStream(String name) {
                return Arrays.stream(suffixes).anyMatch(name::endsWith) ? null : super.getResourceAsStream(name);
            }
        };
    }
}
