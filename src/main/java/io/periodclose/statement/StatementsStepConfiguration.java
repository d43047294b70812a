package io.periodclose.statement;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.period.CloseRun;
import io.periodclose.period.CloseRuns;
import io.periodclose.period.DistributorRangePartitioner;
import io.periodclose.period.Partitioning;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * The statements steps of the close (one quarter statement per distributor of the close) and of the year-end job
 * (one annual statement per distributor), partitioned like the calculation, each followed by its manifest. The
 * readers pick the distributors whose statement is not written yet, so a restart writes only what is missing, and
 * read what the statements show from the books for a whole chunk at once ({@link SourcingReader}).
 */
@Configuration(proxyBeanMethods = false)
public class StatementsStepConfiguration {

    /**
     * Statements per transaction, and per batch read from the books. 100 measured 0.93 of the raw loop against
     * 0.88–0.92 at 50 (fewer queries and commits per statement); 200 did not do better and tripled the peak heap.
     */
    private static final int CHUNK = 100;

    // a space before AND: PostgreSQL 15 refuses a parameter glued to a keyword ("?AND")
    private static final String MISSING = " AND NOT EXISTS (SELECT 1 FROM statement s WHERE s.period = ?"
            + " AND s.version = ? AND s.distributor_code = d.code)";

    // ---- the close: quarter statements ----

    @Bean
    Step writeQuarterStatements(Partitioning partitioning, Step writeQuarterStatementsWorker,
                                DistributorRangePartitioner quarterStatementPartitioner) {
        return partitioning.partitioned("writeQuarterStatements", writeQuarterStatementsWorker,
                quarterStatementPartitioner);
    }

    @Bean
    @StepScope
    DistributorRangePartitioner quarterStatementPartitioner(@Value("#{jobParameters['close.run']}") Long closeRunId,
                                                            JdbcTemplate jdbc) {
        return new DistributorRangePartitioner(jdbc,
                "SELECT distributor_code FROM rebate WHERE close_run_id = ? ORDER BY distributor_code", closeRunId);
    }

    @Bean
    Step writeQuarterStatementsWorker(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                      SourcingReader<QuarterStatement> quarterStatementReader,
                                      ItemProcessor<SourcedStatement<QuarterStatement>, RenderedStatement> quarterStatementRenderer,
                                      StatementWriter quarterStatementWriter) {
        return worker("writeQuarterStatementsWorker", jobRepository, transactionManager, quarterStatementReader,
                quarterStatementRenderer, quarterStatementWriter);
    }

    @Bean
    @StepScope
    SourcingReader<QuarterStatement> quarterStatementReader(
            @Value("#{jobParameters['close.run']}") Long closeRunId,
            @Value("#{stepExecutionContext['" + DistributorRangePartitioner.FROM + "']}") String from,
            @Value("#{stepExecutionContext['" + DistributorRangePartitioner.TO + "']}") String to,
            CloseRuns closeRuns, StatementSource source, DataSource dataSource) {
        CloseRun run = closeRuns.get(closeRunId);
        return new SourcingReader<>(reader("quarterStatementReader", dataSource, """
                SELECT d.code FROM distributor d JOIN rebate r ON r.distributor_code = d.code AND r.close_run_id = ?
                 WHERE d.code BETWEEN ? AND ?""" + MISSING + " ORDER BY d.code",
                closeRunId, from, to, run.quarter().toString(), run.sequence()), CHUNK,
                codes -> source.quarters(run, codes));
    }

    @Bean
    @StepScope
    ItemProcessor<SourcedStatement<QuarterStatement>, RenderedStatement> quarterStatementRenderer(
            @Value("#{jobParameters['close.run']}") Long closeRunId,
            @Value("#{jobParameters['language'] ?: 'ru'}") String language,
            CloseRuns closeRuns, StatementRenderer renderer) {
        CloseRun run = closeRuns.get(closeRunId);
        Locale locale = Locale.forLanguageTag(language);
        return render((code, sourced) -> {
            QuarterStatement statement = sourced.orElseThrow();
            return new RenderedStatement(code, statement.header().currency(),
                    StatementFiles.fileName(code, run.sequence()), renderer.renderQuarter(statement, locale),
                    statement.closingBalance(), null);
        });
    }

    @Bean
    @StepScope
    StatementWriter quarterStatementWriter(@Value("#{jobParameters['close.run']}") Long closeRunId,
                                           @Value("#{jobParameters['out']}") String out,
                                           @Value("#{stepExecution.jobExecution.id}") Long jobExecutionId,
                                           CloseRuns closeRuns, JdbcTemplate jdbc) {
        CloseRun run = closeRuns.get(closeRunId);
        String period = run.quarter().toString();
        return new StatementWriter(jdbc, StatementFiles.directory(Path.of(out), period), period, run.sequence(),
                jobExecutionId);
    }

    @Bean
    Step writeQuarterManifest(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              StatementFiles files, CloseRuns closeRuns) {
        return new StepBuilder("writeQuarterManifest", jobRepository)
                .tasklet((contribution, context) -> {
                    var parameters = context.getStepContext().getStepExecution().getJobParameters();
                    CloseRun run = closeRuns.get(parameters.getLong("close.run"));
                    files.writeManifest(Path.of(parameters.getString("out")), run.quarter().toString());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    // ---- the year-end: annual statements ----

    @Bean
    Step writeAnnualStatements(Partitioning partitioning, Step writeAnnualStatementsWorker,
                               DistributorRangePartitioner annualStatementPartitioner) {
        return partitioning.partitioned("writeAnnualStatements", writeAnnualStatementsWorker,
                annualStatementPartitioner);
    }

    @Bean
    @StepScope
    DistributorRangePartitioner annualStatementPartitioner(JdbcTemplate jdbc) {
        return new DistributorRangePartitioner(jdbc, "SELECT code FROM distributor ORDER BY code");
    }

    @Bean
    Step writeAnnualStatementsWorker(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                     SourcingReader<AnnualStatement> annualStatementReader,
                                     ItemProcessor<SourcedStatement<AnnualStatement>, RenderedStatement> annualStatementRenderer,
                                     StatementWriter annualStatementWriter) {
        return worker("writeAnnualStatementsWorker", jobRepository, transactionManager, annualStatementReader,
                annualStatementRenderer, annualStatementWriter);
    }

    @Bean
    @StepScope
    SourcingReader<AnnualStatement> annualStatementReader(
            @Value("#{jobParameters['year']}") Long year,
            @Value("#{jobParameters['business.date']}") LocalDate issueDate,
            @Value("#{stepExecutionContext['" + DistributorRangePartitioner.FROM + "']}") String from,
            @Value("#{stepExecutionContext['" + DistributorRangePartitioner.TO + "']}") String to,
            StatementSource source, DataSource dataSource) {
        return new SourcingReader<>(reader("annualStatementReader", dataSource,
                "SELECT d.code FROM distributor d WHERE d.code BETWEEN ? AND ?" + MISSING + " ORDER BY d.code",
                from, to, year.toString(), 0), CHUNK, codes -> source.annuals(year.intValue(), codes, issueDate));
    }

    @Bean
    @StepScope
    ItemProcessor<SourcedStatement<AnnualStatement>, RenderedStatement> annualStatementRenderer(
            @Value("#{jobParameters['language'] ?: 'ru'}") String language, StatementRenderer renderer) {
        Locale locale = Locale.forLanguageTag(language);
        return render((code, sourced) -> {
            AnnualStatement statement = sourced.orElseThrow();
            return new RenderedStatement(code, statement.header().currency(), StatementFiles.fileName(code, 0),
                    renderer.renderAnnual(statement, locale), statement.closingBalance(), null);
        });
    }

    @Bean
    @StepScope
    StatementWriter annualStatementWriter(@Value("#{jobParameters['year']}") Long year,
                                          @Value("#{jobParameters['out']}") String out,
                                          @Value("#{stepExecution.jobExecution.id}") Long jobExecutionId,
                                          JdbcTemplate jdbc) {
        String period = year.toString();
        return new StatementWriter(jdbc, StatementFiles.directory(Path.of(out), period), period, 0, jobExecutionId);
    }

    @Bean
    Step writeAnnualManifest(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                             StatementFiles files) {
        return new StepBuilder("writeAnnualManifest", jobRepository)
                .tasklet((contribution, context) -> {
                    var parameters = context.getStepContext().getStepExecution().getJobParameters();
                    files.writeManifest(Path.of(parameters.getString("out")), parameters.getLong("year").toString());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    // ---- shared ----

    private static <T> Step worker(String name, JobRepository jobRepository,
                                   PlatformTransactionManager transactionManager, SourcingReader<T> reader,
                                   ItemProcessor<SourcedStatement<T>, RenderedStatement> processor,
                                   StatementWriter writer) {
        return new StepBuilder(name, jobRepository)
                .<SourcedStatement<T>, RenderedStatement>chunk(CHUNK)
                .transactionManager(transactionManager)
                .reader(reader)
                .processor(processor)
                .writer(writer)
                .build();
    }

    private static JdbcCursorItemReader<String> reader(String name, DataSource dataSource, String sql,
                                                       Object... arguments) {
        return new JdbcCursorItemReaderBuilder<String>()
                .name(name)
                // the query leaves out what is already written: it is its own restart bookmark
                .saveState(false)
                .dataSource(dataSource)
                .connectionAutoCommit(false)
                .fetchSize(500)
                .sql(sql)
                .queryArguments(arguments)
                .rowMapper((rs, n) -> rs.getString(1))
                .build();
    }

    /**
     * A statement the model or the renderer refuses (figures that do not reconcile, a name the font cannot show) is
     * recorded with its reason, not allowed to stop the statements of every other distributor.
     */
    private static <T> ItemProcessor<SourcedStatement<T>, RenderedStatement> render(
            BiFunction<String, SourcedStatement<T>, RenderedStatement> render) {
        return sourced -> {
            String code = sourced.distributor();
            try {
                return render.apply(code, sourced);
            } catch (IllegalArgumentException | IllegalStateException e) {
                LoggerFactory.getLogger(StatementsStepConfiguration.class).warn("No statement for {}: {}", code, e.getMessage());
                return new RenderedStatement(code, null, null, null, null, e.getMessage());
            }
        };
    }
}
