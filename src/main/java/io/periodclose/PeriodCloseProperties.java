package io.periodclose;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Where things live (the embedded database's home, the bonus programmes, the output folder) and how the close uses
 * its resources: chunk sizes, and the parallel workers PostgreSQL may give the turnover aggregate
 * ({@link io.periodclose.turnover.TurnoverExtract#aggregate}).
 */
@ConfigurationProperties("period-close")
public record PeriodCloseProperties(
        @DefaultValue(".period-close") Path home,
        @DefaultValue("jobs/programs") Path programs,
        @DefaultValue("out") Path out,
        @DefaultValue("10000") int importChunkSize,
        @DefaultValue("500") int closeChunkSize,
        @DefaultValue("2000") int rebateChunkSize,
        @DefaultValue("ru") String statementLanguage,
        @DefaultValue("1") int extractParallelWorkers) {
}
