package io.periodclose.importing;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.program.ProgramLoader;
import org.springframework.batch.core.configuration.annotation.StepScope;
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

    @Bean
    Step importRows(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                    PeriodCloseProperties properties, CheckedRowReader importReader,
                    ImportWriter importWriter) {
        return new StepBuilder("importRows", jobRepository)
                .<ImportItem, ImportItem>chunk(properties.importChunkSize())
                .transactionManager(transactionManager)
                .reader(importReader)
                .writer(importWriter)
                .build();
    }

    @Bean
    Step writeRejectReport(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                           RejectReport rejectReport) {
        return new StepBuilder("writeRejectReport", jobRepository)
                .tasklet(rejectReport, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    CheckedRowReader importReader(@Value("#{jobParameters['file']}") String file,
                                  @Value("#{jobParameters['kind']}") String kind,
                                  @Value("#{jobParameters['encoding']}") String encoding,
                                  @Value("#{jobParameters['delimiter']}") String delimiter,
                                  @Value("#{jobParameters['decimal.comma']}") String decimalComma,
                                  JdbcTemplate jdbc, PeriodCloseProperties properties) {
        ImportKind importKind = ImportKind.valueOf(kind);
        // imports launched before these options existed have none of the three parameters: UTF-8, ',', dots
        CsvOptions options = CsvOptions.of(encoding, delimiter, Boolean.parseBoolean(decimalComma));
        return new CheckedRowReader(new CsvRowReader(Path.of(file), importKind, options), importKind, jdbc,
                properties.importChunkSize(),
                importKind == ImportKind.SALES ? new SalesLineWriter.CopyTextPreparer() : UnaryOperator.identity(),
                options);
    }

    @Bean
    @StepScope
    ImportWriter importWriter(@Value("#{jobParameters['kind']}") String kind,
                              @Value("#{jobParameters['import.id']}") Long importId,
                              JdbcTemplate jdbc, DataSource dataSource, PeriodCloseProperties properties,
                              ProgramLoader programLoader) {
        return switch (ImportKind.valueOf(kind)) {
            case DISTRIBUTORS -> new DistributorWriter(jdbc, importId);
            case SALES -> new SalesLineWriter(jdbc, dataSource, importId);
            case TARGETS -> new TargetWriter(jdbc, importId);
            case CLAIMS -> new ClaimWriter(jdbc, importId,
                    ClaimEligibility.from(programLoader, properties.programs()));
        };
    }
}
