package io.periodclose.program;

import io.periodclose.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProgramLoaderTest {

    private static final Path SHIPPED = Path.of("jobs/programs");

    private final ProgramLoader loader = new ProgramLoader();

    @TempDir
    Path dir;

    @Test
    void loadsTheShipped2026ProgrammeExactlyAsSpecified() {
        BonusProgram program = loader.load(SHIPPED, 2026).program();

        assertThat(program.id()).isEqualTo("MB-2026");
        assertThat(program.year()).isEqualTo(2026);
        assertThat(program.tiers()).containsOnlyKeys("BRONZE", "SILVER", "GOLD", "PLATINUM");
        // Scale survives: the file says 1.0, not 1 and not 1.00000000001.
        assertThat(program.tierRate("SILVER")).isEqualTo(new BigDecimal("1.0"));
        assertThat(program.tierRate("PLATINUM")).isEqualTo(new BigDecimal("2.0"));
        assertThat(program.attainment()).containsExactly(
                new Rung(new BigDecimal("80"), new BigDecimal("2.0")),
                new Rung(new BigDecimal("100"), new BigDecimal("5.0")));
        assertThat(program.growth()).containsExactly(
                new Rung(new BigDecimal("10"), new BigDecimal("0.5")),
                new Rung(new BigDecimal("25"), new BigDecimal("1.0")));
        assertThat(program.promos()).containsExactly(new Promo("PRINTERS",
                LocalDate.of(2026, 3, 1), LocalDate.of(2026, 5, 31), new BigDecimal("1.0")));
        assertThat(program.cap()).isEqualTo(new BigDecimal("5.0"));
        assertThat(program.coFunding().share()).isEqualTo(new BigDecimal("50"));
        assertThat(program.coFunding().keyDirections()).containsExactly("CATALOGUES", "TRADE_SHOWS");
        assertThat(program.earlyPayment()).contains(new EarlyPayment(10, new BigDecimal("0.5")));
        assertThat(program.topPerformers()).contains(new TopPerformers(new BigDecimal("10"),
                List.of(new BigDecimal("1.0"), new BigDecimal("0.5"), new BigDecimal("0.25"))));
        assertThat(program.annual()).isPresent();
    }

    @Test
    void loadsTheShipped2025Programme() {
        BonusProgram program = loader.load(SHIPPED, 2025).program();

        assertThat(program.id()).isEqualTo("MB-2025");
        assertThat(program.tierRate("GOLD")).isEqualTo(new BigDecimal("1.25"));
        assertThat(program.attainment()).hasSize(3);
        assertThat(program.promos()).extracting(Promo::productLine).containsExactly("LAPTOPS", "MONITORS");
        assertThat(program.cap()).isEqualTo(new BigDecimal("4.5"));
        assertThat(program.coFundingShare("TRADE_SHOWS")).isEqualTo(new BigDecimal("50"));
        assertThat(program.coFundingShare("CATALOGUES")).isEqualByComparingTo("100");
    }

    @Test
    void carriesTheExactTextAndItsSha256() throws Exception {
        byte[] bytes = Files.readAllBytes(SHIPPED.resolve("2026.yml"));

        LoadedProgram loaded = loader.load(SHIPPED, 2026);

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(loaded.sha256()).isEqualTo(expected).hasSize(64).isLowerCase();
        assertThat(loaded.bytes()).isEqualTo(bytes);
        assertThat(loaded.text()).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        assertThat(loaded.source()).isEqualTo(SHIPPED.resolve("2026.yml").toString());
    }

    @Test
    void hashIsOfTheRawBytesSoAnyEditChangesIt() throws IOException {
        String text = Files.readString(SHIPPED.resolve("2026.yml"));
        Files.writeString(dir.resolve("2026.yml"), text + "# reviewed\n");

        assertThat(loader.load(dir, 2026).sha256()).isNotEqualTo(loader.load(SHIPPED, 2026).sha256());
    }

    @Test
    void aStoredCopyParsesBackToTheSameProgramme() {
        LoadedProgram loaded = loader.load(SHIPPED, 2026);

        LoadedProgram again = loader.parse("stored copy", loaded.bytes(), 2026);

        assertThat(again.program()).isEqualTo(loaded.program());
        assertThat(again.sha256()).isEqualTo(loaded.sha256());
    }

    @Test
    void missingFileSaysWhichFileWasExpectedAndWhere() {
        assertThatThrownBy(() -> loader.load(dir, 2031))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("no bonus programme for 2031")
                .hasMessageContaining(dir.toAbsolutePath().normalize().resolve("2031.yml").toString())
                .hasMessageContaining("--programs");
    }

    @Test
    void missingDirectoryIsNamed() {
        Path nowhere = dir.resolve("no-such-dir");

        assertThatThrownBy(() -> loader.load(nowhere, 2026))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(nowhere.toAbsolutePath().normalize().resolve("2026.yml").toString())
                .hasMessageContaining("directory " + nowhere.toAbsolutePath().normalize() + " does not exist");
    }

    @Test
    void yamlSyntaxErrorGivesLineAndColumn() throws IOException {
        Path file = write(2026, "program: MB-2026\nyear: 2026\ntiers: { BRONZE: 0.5, SILVER: 1.0\ncap: 5\n");

        assertThatThrownBy(() -> loader.load(dir, 2026))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": is not valid YAML at line 4, column 4: ");
    }

    @Test
    void badIndentationGivesLineAndColumn() throws IOException {
        Path file = write(2026, "program: MB-2026\nyear: 2026\nattainment:\n  - from: 80\n   rate: 2\n");

        assertThatThrownBy(() -> loader.load(dir, 2026))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": is not valid YAML at line 5, column 4: ");
    }

    @Test
    void duplicateKeyIsRefusedRatherThanLastOneWins() throws IOException {
        Path file = write(2026, "program: MB-2026\ncap: 5.0\ncap: 50\n");

        assertThatThrownBy(() -> loader.load(dir, 2026))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": is not valid YAML at line 3")
                .hasMessageContaining("\"cap\"");
    }

    @Test
    void secondYamlDocumentIsRefused() throws IOException {
        String valid = Files.readString(SHIPPED.resolve("2026.yml"));
        Path file = write(2026, valid + "---\ncap: 50\n");

        assertThatThrownBy(() -> loader.load(dir, 2026))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": holds more than one YAML document");
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        Path file = write(2026, "# nothing yet\n");

        assertThatThrownBy(() -> loader.load(dir, 2026))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": the file is empty");
    }

    @Test
    void invalidUtf8IsRefused() throws IOException {
        Path file = dir.resolve("2026.yml");
        Files.write(file, new byte[] {'p', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});

        assertThatThrownBy(() -> loader.load(dir, 2026))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": is not valid UTF-8 text");
    }

    @Test
    void anchorsAndAliasesResolveToTheirValues() throws IOException {
        String valid = Files.readString(SHIPPED.resolve("2026.yml"));
        write(2026, valid.replace("GOLD: 1.5", "GOLD: &gold 1.5").replace("cap: 5.0", "cap: *gold"));

        assertThat(loader.load(dir, 2026).program().cap()).isEqualTo(new BigDecimal("1.5"));
    }

    @Test
    void emptyListsAreAllowed() throws IOException {
        write(2026, """
                program: MB-2026
                year: 2026
                tiers: { BRONZE: 0, SILVER: 0, GOLD: 0, PLATINUM: 0 }
                attainment: []
                promos: []
                cap: 0
                co-funding: { share: 0 }
                """);

        BonusProgram program = loader.load(dir, 2026).program();

        assertThat(program.attainment()).isEmpty();
        assertThat(program.growth()).isEmpty();
        assertThat(program.promos()).isEmpty();
        assertThat(program.coFunding().keyDirections()).isEqualTo(List.of());
    }

    @Test
    void aProgrammeWithoutTheRulesOfSection8GivesExactlyTheQuarterlyLadderModel() {
        BonusProgram program = loader.load(Path.of("src/test/resources/programs"), 2026).program();

        assertThat(program.coFunding().eligible()).isEmpty();
        assertThat(program.annual()).isEmpty();
        assertThat(program.earlyPayment()).isEmpty();
        assertThat(program.topPerformers()).isEmpty();
        assertThat(program).isEqualTo(new BonusProgram(program.id(), program.year(), program.tiers(),
                program.attainment(), program.growth(), program.promos(), program.cap(),
                new CoFunding(program.coFunding().share(), program.coFunding().keyDirections())));
        assertThat(program.isEligibleDirection("PROMO_GIFTS")).isTrue();
    }

    @Test
    void parsesEveryRuleOfSection8ExactlyAsWritten() throws IOException {
        write(2026, """
                program: MB-2026
                year: 2026
                tiers: { BRONZE: 0.5, SILVER: 1.0, GOLD: 1.5, PLATINUM: 2.0 }
                cap: 5.0
                co-funding:
                  share: 50
                  key-directions: [CATALOGUES, TRADE_SHOWS]
                  eligible: [BOOKLETS, ONLINE, MERCHANDISE]   # optional
                annual:
                  attainment:
                    - { from: 100, rate: 1.0 }
                    - { from: 110, rate: 2.0 }
                early-payment:
                  days: 10
                  rate: 0.50
                top-performers:
                  min-growth: 12.5
                  places: [1.0, 0.5, 0.25]
                """);

        BonusProgram program = loader.load(dir, 2026).program();

        assertThat(program.coFunding()).isEqualTo(new CoFunding(new BigDecimal("50"),
                List.of("CATALOGUES", "TRADE_SHOWS"), Optional.of(List.of("BOOKLETS", "ONLINE", "MERCHANDISE"))));
        assertThat(program.annual()).contains(new AnnualRebate(List.of(
                new Rung(new BigDecimal("100"), new BigDecimal("1.0")),
                new Rung(new BigDecimal("110"), new BigDecimal("2.0")))));
        // The scale written is kept, as for every other rate.
        assertThat(program.earlyPayment()).contains(new EarlyPayment(10, new BigDecimal("0.50")));
        assertThat(program.topPerformers()).contains(new TopPerformers(new BigDecimal("12.5"),
                List.of(new BigDecimal("1.0"), new BigDecimal("0.5"), new BigDecimal("0.25"))));
        assertThat(program.attainment()).isEmpty();
        assertThat(program.promos()).isEmpty();
    }

    @Test
    void eachRuleOfSection8MayComeAlone() throws IOException {
        write(2026, """
                program: MB-2026
                year: 2026
                tiers: { BRONZE: 0.5, SILVER: 1.0, GOLD: 1.5, PLATINUM: 2.0 }
                cap: 5.0
                co-funding: { share: 50 }
                early-payment: { days: 0, rate: 0.5 }
                """);

        BonusProgram program = loader.load(dir, 2026).program();

        assertThat(program.earlyPayment()).contains(new EarlyPayment(0, new BigDecimal("0.5")));
        assertThat(program.coFunding().eligible()).isEmpty();
        assertThat(program.annual()).isEmpty();
        assertThat(program.topPerformers()).isEmpty();
    }

    @Test
    void aStoredCopyWithTheRulesOfSection8ReadsBackToTheSameProgramme() throws IOException {
        Path file = write(2026, """
                program: MB-2026
                year: 2026
                tiers: { BRONZE: 0.5, SILVER: 1.0, GOLD: 1.5, PLATINUM: 2.0 }
                cap: 5.0
                co-funding: { share: 50, key-directions: [CATALOGUES], eligible: [BOOKLETS] }
                annual: { attainment: [{ from: 100, rate: 1.0 }] }
                top-performers: { min-growth: 10, places: [1.0] }
                """);
        LoadedProgram loaded = loader.load(dir, 2026);

        LoadedProgram again = loader.parse("stored copy", loaded.bytes(), 2026);

        assertThat(again.program()).isEqualTo(loaded.program());
        assertThat(again.sha256()).isEqualTo(loaded.sha256());
        assertThat(file).exists();
    }

    private Path write(int year, String text) throws IOException {
        return Files.writeString(dir.resolve(year + ".yml"), text);
    }
}
