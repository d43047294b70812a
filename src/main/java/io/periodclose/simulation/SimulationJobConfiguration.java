package io.periodclose.simulation;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.period.StepScopedItems;
import io.periodclose.rebate.RebateCalculation;
import io.periodclose.rebate.RebateCalculator;
import io.periodclose.rebate.TurnoverFigures;
import io.periodclose.turnover.TurnoverRows;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * {@code simulate} (SPEC §9): the draft's figures → the draft's rebates (chunks) → the current figures (the close's
 * rebates, or the programme in force's figures) → the programme in force's rebates (chunks; none when the quarter
 * is closed). The steps are the close's code with simulation-owned tables: {@link SimulationExtract} aggregates
 * and ranks with the close's extract, the chunk steps apply {@link RebateCalculator}. Identified by the simulation's
 * id, so every simulation is a job instance of its own whose step counts show its progress.
 */
@Configuration(proxyBeanMethods = false)
public class SimulationJobConfiguration {

    public static final String JOB_NAME = "simulate";
    /** Identifying: the {@code simulation} row the job works on. */
    public static final String SIMULATION = "simulation";
    /** Not identifying: the quarter, for the executions list. */
    public static final String PERIOD = "period";

    @Bean
    Job simulateJob(JobRepository jobRepository, Step simulateDraftFigures, Step simulateDraftRebates,
                    Step simulateCurrentFigures, Step simulateCurrentRebates) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(simulateDraftFigures)
                .next(simulateDraftRebates)
                .next(simulateCurrentFigures)
                .next(simulateCurrentRebates)
                .build();
    }

    /** Inject only into step-scoped beans, like the close's run (a record cannot be proxied). */
    @Bean
    @Scope(value = "job", proxyMode = ScopedProxyMode.NO)
    Simulation simulation(@Value("#{jobParameters['" + SIMULATION + "']}") Long id, Simulations simulations) {
        return simulations.get(id);
    }

    @Bean
    @Scope(value = "job", proxyMode = ScopedProxyMode.NO)
    SimulationPrograms simulationPrograms(Simulation simulation, Simulations simulations) {
        return simulations.programs(simulation);
    }

    @Bean
    Step simulateDraftFigures(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              Tasklet simulateDraftExtract) {
        return new StepBuilder("simulateDraftFigures", jobRepository)
                .tasklet(simulateDraftExtract, transactionManager).build();
    }

    @Bean
    Step simulateCurrentFigures(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                Tasklet simulateCurrentExtract) {
        return new StepBuilder("simulateCurrentFigures", jobRepository)
                .tasklet(simulateCurrentExtract, transactionManager).build();
    }

    @Bean
    @StepScope
    Tasklet simulateDraftExtract(JdbcTemplate jdbc, Simulation simulation, SimulationPrograms simulationPrograms,
                                   PeriodCloseProperties properties) {
        return new SimulationExtract(jdbc, simulation, Side.DRAFT, simulationPrograms,
                properties.extractParallelWorkers());
    }

    @Bean
    @StepScope
    Tasklet simulateCurrentExtract(JdbcTemplate jdbc, Simulation simulation, SimulationPrograms simulationPrograms,
                                   PeriodCloseProperties properties) {
        return new SimulationExtract(jdbc, simulation, Side.CURRENT, simulationPrograms,
                properties.extractParallelWorkers());
    }

    @Bean
    Step simulateDraftRebates(JobRepository jobRepository, PeriodCloseProperties properties,
                              PlatformTransactionManager transactionManager,
                              JdbcCursorItemReader<TurnoverFigures> simulateDraftReader,
                              ItemProcessor<TurnoverFigures, RebateCalculation> simulateDraftProcessor,
                              ItemWriter<RebateCalculation> simulateDraftWriter) {
        return chunkStep("simulateDraftRebates", jobRepository, properties, transactionManager, simulateDraftReader,
                simulateDraftProcessor, simulateDraftWriter);
    }

    @Bean
    Step simulateCurrentRebates(JobRepository jobRepository, PeriodCloseProperties properties,
                                PlatformTransactionManager transactionManager,
                                JdbcCursorItemReader<TurnoverFigures> simulateCurrentReader,
                                ItemProcessor<TurnoverFigures, RebateCalculation> simulateCurrentProcessor,
                                ItemWriter<RebateCalculation> simulateCurrentWriter) {
        return chunkStep("simulateCurrentRebates", jobRepository, properties, transactionManager,
                simulateCurrentReader, simulateCurrentProcessor, simulateCurrentWriter);
    }

    private static Step chunkStep(String name, JobRepository jobRepository, PeriodCloseProperties properties,
                                  PlatformTransactionManager transactionManager,
                                  JdbcCursorItemReader<TurnoverFigures> reader,
                                  ItemProcessor<TurnoverFigures, RebateCalculation> processor,
                                  ItemWriter<RebateCalculation> writer) {
        return new StepBuilder(name, jobRepository)
                .<TurnoverFigures, RebateCalculation>chunk(properties.rebateChunkSize())
                .transactionManager(transactionManager)
                .reader(StepScopedItems.reader(reader))
                .processor(StepScopedItems.processor(processor))
                .writer(StepScopedItems.writer(writer))
                .build();
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<TurnoverFigures> simulateDraftReader(Simulation simulation, DataSource dataSource,
                                                              PeriodCloseProperties properties) {
        return reader(simulation, Side.DRAFT, dataSource, properties);
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<TurnoverFigures> simulateCurrentReader(Simulation simulation, DataSource dataSource,
                                                                PeriodCloseProperties properties) {
        return reader(simulation, Side.CURRENT, dataSource, properties);
    }

    private static JdbcCursorItemReader<TurnoverFigures> reader(Simulation simulation, Side side,
                                                                DataSource dataSource,
                                                                PeriodCloseProperties properties) {
        return new JdbcCursorItemReaderBuilder<TurnoverFigures>()
                .name("simulate" + side + "Reader")
                .dataSource(dataSource)
                .connectionAutoCommit(false)
                .fetchSize(properties.rebateChunkSize())
                .sql("""
                        SELECT distributor_code, currency, tier, target_amount, turnover, turnover_last_year,
                               promo_turnover, early_paid, growth_place, ranked_in_tier
                          FROM simulation_turnover
                         WHERE simulation_id = ? AND side = ?
                         ORDER BY distributor_code""")
                .queryArguments(simulation.id(), side.name())
                .rowMapper(TurnoverRows.mapper(simulation.quarter()))
                .build();
    }

    @Bean
    @StepScope
    ItemProcessor<TurnoverFigures, RebateCalculation> simulateDraftProcessor(SimulationPrograms simulationPrograms) {
        return figures -> RebateCalculator.calculate(simulationPrograms.draft(), figures);
    }

    @Bean
    @StepScope
    ItemProcessor<TurnoverFigures, RebateCalculation> simulateCurrentProcessor(
            SimulationPrograms simulationPrograms) {
        // only called with figures the CURRENT extract wrote, which it does only when there is a programme in force
        return figures -> RebateCalculator.calculate(simulationPrograms.current().orElseThrow(), figures);
    }

    @Bean
    @StepScope
    ItemWriter<RebateCalculation> simulateDraftWriter(JdbcTemplate jdbc, Simulation simulation) {
        return new SimulationResultWriter(jdbc, simulation.id(), Side.DRAFT);
    }

    @Bean
    @StepScope
    ItemWriter<RebateCalculation> simulateCurrentWriter(JdbcTemplate jdbc, Simulation simulation) {
        return new SimulationResultWriter(jdbc, simulation.id(), Side.CURRENT);
    }
}
