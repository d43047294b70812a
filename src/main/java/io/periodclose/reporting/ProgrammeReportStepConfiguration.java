package io.periodclose.reporting;

import io.periodclose.period.CloseJobParameters;
import io.periodclose.statement.ProgrammeReportRenderer;
import io.periodclose.statement.StatementFiles;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The year-end's last step: the year's programme report, {@code <out>/statements/<year>/programme-report.pdf}
 * beside the annual statements, read after the year is locked so its figures are final. Written whole and
 * atomically, so a restart simply writes it again (the same bytes: the report is reproducible).
 */
@Configuration(proxyBeanMethods = false)
public class ProgrammeReportStepConfiguration {

    private static final String YEAR = "#{jobParameters['" + CloseJobParameters.YEAR + "']}";
    private static final String OUT = "#{jobParameters['" + CloseJobParameters.OUT + "']}";
    private static final String BUSINESS_DATE = "#{jobParameters['" + CloseJobParameters.BUSINESS_DATE + "']}";
    private static final String LANGUAGE =
            "#{jobParameters['" + CloseJobParameters.LANGUAGE + "'] ?: '" + CloseJobParameters.DEFAULT_LANGUAGE + "'}";

    @Bean
    Step writeProgrammeReport(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              Tasklet programmeReport) {
        return new StepBuilder("writeProgrammeReport", jobRepository)
                .tasklet(programmeReport, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    Tasklet programmeReport(@Value(YEAR) Long year, @Value(OUT) String out, @Value(BUSINESS_DATE) LocalDate issueDate,
                            @Value(LANGUAGE) String language,
                            @Value("${period-close.issuer:Принтеры и Ко АО}") String issuer,
                            ProgrammeFigures figures, ProgrammeReportRenderer renderer, JdbcTemplate jdbc) {
        return (contribution, context) -> {
            String period = year.toString();
            // a distributor coded "programme-report" would have its annual statement under this very name
            if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM statement WHERE period = ?"
                    + " AND file = ?)", Boolean.class, period, StatementFiles.PROGRAMME_REPORT))) {
                throw new IllegalStateException("an annual statement of " + period + " is already named "
                        + StatementFiles.PROGRAMME_REPORT + ": the programme report is not written over it");
            }
            byte[] pdf = renderer.render(figures.of(year.intValue()), issuer, issueDate,
                    Locale.forLanguageTag(language));
            StatementFiles.write(StatementFiles.file(StatementFiles.directory(Path.of(out), period),
                    StatementFiles.PROGRAMME_REPORT), pdf);
            return RepeatStatus.FINISHED;
        };
    }
}
