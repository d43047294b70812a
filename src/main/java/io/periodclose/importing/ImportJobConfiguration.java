package io.periodclose.importing;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.database.AsynchronousChunkCommit;
import io.periodclose.program.ProgramLoader;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * {@code import}: one chunk-oriented step reads, checks and stores the rows of one file (read and checked a little
 * ahead, on a second thread, while the previous chunk is being stored); a second step writes the
 * reject report next to the input. Identified by the import run, so the same file may be imported again (a
 * no-op) while a failed import restarts after its last committed chunk.
 */
@Configuration(proxyBeanMethods = false)
public class ImportJobConfiguration {

    public static final String JOB_NAME = "import";

    @Bean
    Job importJob(JobRepository jobRepository, Step importRows, Step writeRejectReport) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(importRows)
                .next(writeRejectReport)
                .build();
    }

    /**
     * Job-scoped, so that the step holds its reader and writer themselves: a step-scoped reader would be a proxy
     * that looks its target up in the step scope on every row read (see docs/decisions.md, "The sales import").
     */
    @Bean
    @JobScope
    Step importRows(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                    PeriodCloseProperties properties, JdbcTemplate jdbc, DataSource dataSource,
                    ProgramLoader programLoader,
                    @Value("#{jobParameters['file']}") String file,
                    @Value("#{jobParameters['kind']}") String kind,
                    @Value("#{jobParameters['encoding']}") String encoding,
                    @Value("#{jobParameters['delimiter']}") String delimiter,
                    @Value("#{jobParameters['decimal.comma']}") String decimalComma,
                    @Value("#{jobParameters['import.id']}") Long importId,
                    AsynchronousChunkCommit asynchronousChunkCommit) {
        ImportKind importKind = ImportKind.valueOf(kind);
        // shared by the reader, which checks the sales lines' due dates ahead, and the writer, which commits them
        DocumentDueDates dueDates = new DocumentDueDates(jdbc, importId);
        return new StepBuilder("importRows", jobRepository)
                .<ImportItem, ImportItem>chunk(properties.importChunkSize())
                .transactionManager(transactionManager)
                .reader(importReader(importKind, Path.of(file), encoding, delimiter, decimalComma, jdbc, properties,
                        dueDates))
                .writer(importWriter(importKind, importId, jdbc, dataSource, properties, programLoader, dueDates))
                .listener(asynchronousChunkCommit)
                .build();
    }

    @Bean
    Step writeRejectReport(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                           RejectReport rejectReport) {
        return new StepBuilder("writeRejectReport", jobRepository)
                .tasklet(rejectReport, transactionManager)
                .build();
    }

    private static CheckedRowReader importReader(ImportKind kind, Path file, String encoding, String delimiter,
                                                 String decimalComma, JdbcTemplate jdbc,
                                                 PeriodCloseProperties properties, DocumentDueDates dueDates) {
        // imports launched before these options existed have none of the three parameters: UTF-8, ',', dots
        CsvOptions options = CsvOptions.of(encoding, delimiter, Boolean.parseBoolean(decimalComma));
        return new CheckedRowReader(new CsvRowReader(file, kind, options), kind, jdbc,
                properties.importChunkSize(),
                kind == ImportKind.SALES ? new SalesLineWriter.ReadAhead(dueDates) : UnaryOperator.identity(),
                options);
    }

    private static ImportWriter importWriter(ImportKind kind, long importId, JdbcTemplate jdbc, DataSource dataSource,
                                             PeriodCloseProperties properties, ProgramLoader programLoader,
                                             DocumentDueDates dueDates) {
        return switch (kind) {
            case DISTRIBUTORS -> new DistributorWriter(jdbc, importId);
            case SALES -> new SalesLineWriter(jdbc, dataSource, importId, dueDates);
            case TARGETS -> new TargetWriter(jdbc, importId);
            case CLAIMS -> new ClaimWriter(jdbc, importId,
                    ClaimEligibility.from(programLoader, properties.programs()));
            case PAYMENTS -> new PaymentWriter(jdbc, importId);
        };
    }
}
