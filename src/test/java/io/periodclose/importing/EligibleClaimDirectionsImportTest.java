package io.periodclose.importing;

import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §8.1 at import: the test programmes of 2025 and 2026 have no {@code eligible} list, the one of 2027
 * ({@code src/test/resources/programs/2027.yml}) pays BOOKLETS, ONLINE, MERCHANDISE and its key directions CATALOGUES,
 * TRADE_SHOWS; there is no programme for 2024.
 */
@DatabaseTest
class EligibleClaimDirectionsImportTest {

    private static final String CLAIMS = """
            claim_id,distributor_code,claim_date,direction,description,amount,currency
            C1,D1,2027-01-10,PROMO_GIFTS,Сувениры,1000.00,RUB
            C2,D1,2027-01-11,TRADE_SHOWS,Выставка,2000.00,RUB
            C3,D1,2027-02-01,BOOKLETS,Буклеты,300.00,RUB
            C4,D1,2026-05-01,PROMO_GIFTS,Сувениры,400.00,RUB
            C5,D1,2024-05-01,PROMO_GIFTS,Сувениры,500.00,RUB
            C6,D1,2027-12-31,MERCHANDISE,Футболки,600.00,RUB
            C7,D1,2027-03-01,ONLINE,Баннеры,-1,RUB
            C8,D1,2027-06-30,SAMPLES,Образцы,800.00,RUB
            """;

    @Autowired
    ImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @BeforeEach
    void freshBooks() throws Exception {
        Books.wipe(jdbc);
        run(ImportKind.DISTRIBUTORS, "distributors.csv", """
                code,name,tier,currency,email,region
                D1,Альфа,GOLD,RUB,info@alfa.ru,Москва
                """);
    }

    @Test
    void aClaimInADirectionTheProgrammeOfItsYearDoesNotPayIsRejectedWithItsLineAndTheProgramme() throws Exception {
        ImportSummary summary = run(ImportKind.CLAIMS, "claims.csv", CLAIMS);

        assertThat(rejects(summary)).containsExactly(
                Map.entry(2L, "direction PROMO_GIFTS is not eligible in MB-2027"),
                Map.entry(8L, "negative amount in amount: -1"),
                Map.entry(9L, "direction SAMPLES is not eligible in MB-2027"));
        assertThat(summary.read()).isEqualTo(8);
        assertThat(summary.accepted()).isEqualTo(5);
        assertThat(summary.rejected()).isEqualTo(3);
        assertThat(summary.unchanged()).isZero();
        // C2 through its key direction, C3 and C6 through eligible, C4 and C5 in years whose programme lists none
        assertThat(jdbc.queryForList("SELECT claim_id || ' ' || direction || ' ' || amount FROM claim ORDER BY claim_id",
                String.class)).containsExactly("C2 TRADE_SHOWS 2000.0000", "C3 BOOKLETS 300.0000",
                "C4 PROMO_GIFTS 400.0000", "C5 PROMO_GIFTS 500.0000", "C6 MERCHANDISE 600.0000");
        assertThat(Files.readString(RejectReport.pathFor(dir.resolve("claims.csv"))))
                .contains("direction PROMO_GIFTS is not eligible in MB-2027");
    }

    @Test
    void importingTheSameFileAgainRejectsTheSameClaimsAndChangesNothing() throws Exception {
        run(ImportKind.CLAIMS, "claims.csv", CLAIMS);

        ImportSummary again = run(ImportKind.CLAIMS, "claims.csv", CLAIMS);

        assertThat(again.read()).isEqualTo(8);
        assertThat(again.unchanged()).isEqualTo(5);
        assertThat(again.accepted()).isZero();
        assertThat(rejects(again)).containsOnlyKeys(2L, 8L, 9L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM claim", Long.class)).isEqualTo(5);
    }

    @Test
    void aProgrammeWithoutEligibleAcceptsEveryDirection() throws Exception {
        ImportSummary summary = run(ImportKind.CLAIMS, "claims-2026.csv", """
                claim_id,distributor_code,claim_date,direction,description,amount,currency
                K1,D1,2026-01-10,PROMO_GIFTS,,10.00,RUB
                K2,D1,2026-04-10,SAMPLES,,20.00,RUB
                K3,D1,2026-07-10,CATALOGUES,,30.00,RUB
                K4,D1,2026-10-10,ANYTHING_ELSE,,40.00,RUB
                """);

        assertThat(summary.read()).isEqualTo(4);
        assertThat(summary.accepted()).isEqualTo(4);
        assertThat(summary.rejected()).isZero();
        assertThat(jdbc.queryForObject("SELECT sum(amount) FROM claim", java.math.BigDecimal.class))
                .isEqualByComparingTo("100.00");
    }

    private ImportSummary run(ImportKind kind, String name, String content) throws Exception {
        return ImportFiles.run(imports, dir, kind, name, content);
    }

    private Map<Long, String> rejects(ImportSummary summary) {
        return ImportFiles.rejects(jdbc, summary);
    }
}
