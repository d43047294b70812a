package io.periodclose.turnover;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.period.CloseRun;
import io.periodclose.program.BonusProgram;
import io.periodclose.rebate.TurnoverFigures;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.sql.Array;
import java.util.List;

/**
 * Step 1 of the close: the per-distributor figures the calculation needs, aggregated by PostgreSQL and streamed
 * (a server-side cursor, so memory does not grow with the number of distributors) into {@code turnover}.
 */
@Configuration(proxyBeanMethods = false)
public class ExtractTurnoverStepConfiguration {

    @Bean
    Step extractTurnover(JobRepository jobRepository, PeriodCloseProperties properties,
                         PlatformTransactionManager transactionManager,
                         JdbcCursorItemReader<TurnoverFigures> turnoverReader, ItemWriter<TurnoverFigures> turnoverWriter) {
        return new StepBuilder("extractTurnover", jobRepository)
                .<TurnoverFigures, TurnoverFigures>chunk(properties.closeChunkSize())
                .transactionManager(transactionManager)
                .reader(turnoverReader)
                .writer(turnoverWriter)
                .build();
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<TurnoverFigures> turnoverReader(CloseRun closeRun, BonusProgram closeProgram,
                                                         DataSource dataSource) {
        TurnoverQuery query = TurnoverQuery.of(closeProgram, closeRun.quarter());
        return new JdbcCursorItemReaderBuilder<TurnoverFigures>()
                .name("turnoverReader")
                .dataSource(dataSource)
                .connectionAutoCommit(false)
                .fetchSize(1000)
                .sql(query.sql())
                .queryArguments(query.arguments())
                .rowMapper(TurnoverRows.mapper(closeRun.quarter()))
                .build();
    }

    @Bean
    @StepScope
    ItemWriter<TurnoverFigures> turnoverWriter(CloseRun closeRun, JdbcTemplate jdbc) {
        long closeRunId = closeRun.id();
        return chunk -> {
            List<? extends TurnoverFigures> items = chunk.getItems();
            jdbc.batchUpdate("""
                    INSERT INTO turnover (close_run_id, distributor_code, currency, tier, target_amount, turnover,
                                          turnover_last_year, promo_turnover) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    items, items.size(), (ps, f) -> {
                        Array promo = ps.getConnection().createArrayOf("numeric", f.promoTurnover().toArray());
                        ps.setLong(1, closeRunId);
                        ps.setString(2, f.distributorCode());
                        ps.setString(3, f.currency());
                        ps.setString(4, f.tier());
                        ps.setBigDecimal(5, f.target());
                        ps.setBigDecimal(6, f.turnover());
                        ps.setBigDecimal(7, f.lastYearTurnover());
                        ps.setArray(8, promo);
                    });
        };
    }
}
