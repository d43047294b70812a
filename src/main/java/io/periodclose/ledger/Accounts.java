package io.periodclose.ledger;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The ledger's account codes; the bonus fund is kept per distributor (the line carries the distributor). */
@ConfigurationProperties("period-close.accounts")
public record Accounts(
        @DefaultValue("6310") String rebateExpense,
        @DefaultValue("2390") String bonusFund,
        @DefaultValue("6320") String marketingSpend) {
}
