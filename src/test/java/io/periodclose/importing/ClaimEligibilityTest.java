package io.periodclose.importing;

import io.periodclose.program.ProgramLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimEligibilityTest {

    private static final String PROGRAMME = """
            program: MB-%1$d
            year: %1$d
            tiers: { BRONZE: 0.5, SILVER: 1.0, GOLD: 1.5, PLATINUM: 2.0 }
            cap: 5.0
            co-funding:
              share: 50
              key-directions: [CATALOGUES, TRADE_SHOWS]
            %2$s
            """;

    @TempDir
    Path dir;

    @Test
    void withEligibleOnlyTheListedAndTheKeyDirectionsPass() throws IOException {
        write(2026, "  eligible: [BOOKLETS, ONLINE, MERCHANDISE]");
        ClaimEligibility eligibility = ClaimEligibility.from(new ProgramLoader(), dir);

        assertThat(eligibility.refusal(2026, "PROMO_GIFTS")).isEqualTo("direction PROMO_GIFTS is not eligible in MB-2026");
        assertThat(eligibility.refusal(2026, "TRADE_SHOWS")).isNull();
        assertThat(eligibility.refusal(2026, "BOOKLETS")).isNull();
    }

    @Test
    void anEmptyEligibleListLeavesOnlyTheKeyDirections() throws IOException {
        write(2026, "  eligible: []");
        ClaimEligibility eligibility = ClaimEligibility.from(new ProgramLoader(), dir);

        assertThat(eligibility.refusal(2026, "CATALOGUES")).isNull();
        assertThat(eligibility.refusal(2026, "BOOKLETS")).isEqualTo("direction BOOKLETS is not eligible in MB-2026");
    }

    @Test
    void withoutEligibleOrWithoutAProgrammeEveryDirectionPasses() throws IOException {
        write(2026, "");
        ClaimEligibility eligibility = ClaimEligibility.from(new ProgramLoader(), dir);

        assertThat(eligibility.refusal(2026, "PROMO_GIFTS")).isNull();
        assertThat(eligibility.refusal(2025, "PROMO_GIFTS")).isNull();
    }

    @Test
    void eachYearIsJudgedByItsOwnProgramme() throws IOException {
        write(2026, "");
        write(2027, "  eligible: [BOOKLETS]");
        ClaimEligibility eligibility = ClaimEligibility.from(new ProgramLoader(), dir);

        assertThat(eligibility.refusal(2026, "ONLINE")).isNull();
        assertThat(eligibility.refusal(2027, "ONLINE")).isEqualTo("direction ONLINE is not eligible in MB-2027");
    }

    @Test
    void aProgrammeThatCannotBeReadRejectsTheClaimsOfItsYearWithItsMessage() throws IOException {
        Path file = write(2026, "  eligible: [booklets]");
        ClaimEligibility eligibility = ClaimEligibility.from(new ProgramLoader(), dir);

        assertThat(eligibility.refusal(2026, "CATALOGUES")).isEqualTo("the programme of 2026 cannot be read to check"
                + " the direction: " + file + ": co-funding.eligible[0]: must be an upper-case code such as PRINTERS"
                + " or TRADE_SHOWS (A-Z, 0-9, _), not 'booklets'");
    }

    @Test
    void aYearsProgrammeIsReadOncePerImport() throws IOException {
        Path file = write(2026, "  eligible: [BOOKLETS]");
        ClaimEligibility eligibility = ClaimEligibility.from(new ProgramLoader(), dir);
        assertThat(eligibility.refusal(2026, "ONLINE")).isNotNull();

        Files.delete(file);

        assertThat(eligibility.refusal(2026, "ONLINE")).isEqualTo("direction ONLINE is not eligible in MB-2026");
    }

    private Path write(int year, String eligible) throws IOException {
        return Files.writeString(ProgramLoader.fileFor(dir, year), PROGRAMME.formatted(year, eligible));
    }
}
