package io.periodclose.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delivery's settings (SPEC §10), next to Spring Boot's {@code spring.mail.*} that name the SMTP server: finance's
 * address for the summary, and the sender's address ({@code mail-from}, finance's when unset).
 */
@ConfigurationProperties("period-close")
public record DeliveryProperties(String financeEmail, String mailFrom) {
}
