package io.periodclose;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring application behind every command; the command line itself lives in {@code cli}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PeriodCloseApplication {
}
