package io.periodclose.cli;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.approval.Approvals;
import io.periodclose.ledger.Accounts;
import io.periodclose.ledger.BonusFundQueries;
import io.periodclose.ledger.LedgerCheck;
import io.periodclose.ops.Commands;
import io.periodclose.ops.JobHistory;
import io.periodclose.period.CloseRuns;
import io.periodclose.program.ProgramLoader;
import io.periodclose.reporting.CsvReports;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * The application the read-only commands ({@code balances}, {@code rebates}, {@code claims}, {@code jobs list},
 * {@code jobs show}, {@code verify}) run against: a DataSource, a JdbcTemplate, the job repository (to read
 * executions) and the few beans the reports use. No component scan, no web server, scheduler, Actuator, OpenAPI,
 * jobs or steps, and no Flyway when {@link SchemaCheck} finds the schema current (see {@link Engine#startReports}).
 *
 * <p>Deliberately not a {@code @Configuration}: the full application's component scan must not pick it up; it is
 * a configuration only when given to Spring as the application's source.
 */
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ConfigurationPropertiesAutoConfiguration.class,
        DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class})
@EnableConfigurationProperties({PeriodCloseProperties.class, Accounts.class})
@Import({CsvReports.class, BonusFundQueries.class, CloseRuns.class, ProgramLoader.class, JobHistory.class,
        LedgerCheck.class, Commands.class, Approvals.class})
class ReportContext {

    /** Reads executions as the full application's job repository writes them (Spring Batch's defaults there too). */
    @Bean
    JdbcJobRepositoryFactoryBean jobRepository(DataSource dataSource, PlatformTransactionManager transactionManager) {
        JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
        factory.setDataSource(dataSource);
        factory.setTransactionManager(transactionManager);
        factory.setDatabaseType("POSTGRES");
        return factory;
    }
}
