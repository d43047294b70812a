package io.periodclose.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery's settings (SPEC §10), next to Spring Boot's {@code spring.mail.*} that name the SMTP server: finance's
 * address for the summary, the sender's address ({@code mail-from}, finance's when unset) and whether the close
 * ends by sending its statements.
 */
@ConfigurationProperties("period-close")
public record DeliveryProperties(String financeEmail, String mailFrom,
                                 @DefaultValue("false") boolean sendAfterClose) {
}
