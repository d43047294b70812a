package io.periodclose;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/** Where things live: the embedded database's home, the bonus programmes and the output folder. */
@ConfigurationProperties("period-close")
public record PeriodCloseProperties(
        @DefaultValue(".period-close") Path home,
        @DefaultValue("jobs/programs") Path programs,
        @DefaultValue("out") Path out,
        @DefaultValue("10000") int importChunkSize,
        @DefaultValue("500") int closeChunkSize,
        @DefaultValue("2000") int rebateChunkSize,
        @DefaultValue("ru") String statementLanguage) {
}
