package io.periodclose.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delivery's settings (SPEC §10), next to Spring Boot's {@code spring.mail.*} that name the SMTP server: finance's
 * address for the summary, the sender's address ({@code mail-from}, finance's when unset), and the address the
 * distributors reach {@code serve} at ({@code public-url}), whose portal the covering text links to when set.
 */
@ConfigurationProperties("period-close")
public record DeliveryProperties(String financeEmail, String mailFrom, String publicUrl) {

    /** The distributor portal's address, or {@code null} when {@code period-close.public-url} is not set. */
    public String portal() {
        return publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip().replaceAll("/+$", "") + "/portal";
    }
}
