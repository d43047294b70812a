package io.periodclose.program;

import io.periodclose.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each rule of docs/programs.md, broken one at a time in an otherwise valid file. */
class ProgramValidationTest {

    private static final String VALID = """
            program: MB-2026
            year: 2026
            tiers:
              BRONZE: 0.5
              SILVER: 1.0
              GOLD: 1.5
              PLATINUM: 2.0
            attainment:
              - { from: 80, rate: 2.0 }
              - { from: 100, rate: 5.0 }
            growth:
              - { from: 10, rate: 0.5 }
              - { from: 25, rate: 1.0 }
            promos:
              - { product-line: PRINTERS, from: 2026-03-01, to: 2026-05-31, rate: 1.0 }
            cap: 5.0
            co-funding:
              share: 50
              key-directions: [CATALOGUES, TRADE_SHOWS]
            """;

    /** {@link #VALID} with every optional rule of SPEC §8, as §8 writes them. */
    private static final String VALID_WITH_RULES = VALID + """
              eligible: [BOOKLETS, ONLINE, MERCHANDISE]
            annual:
              attainment:
                - { from: 100, rate: 1.0 }
                - { from: 110, rate: 2.0 }
            early-payment:
              days: 10
              rate: 0.5
            top-performers:
              min-growth: 10
              places: [1.0, 0.5, 0.25]
            """;

    private final ProgramLoader loader = new ProgramLoader();

    @TempDir
    Path dir;

    @Test
    void theTemplateItselfIsValid() throws IOException {
        Files.writeString(dir.resolve("2026.yml"), VALID);

        assertThat(loader.load(dir, 2026).program().id()).isEqualTo("MB-2026");
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            'program: MB-2026\\n'                 | ''                     | program: is missing (required)
            'program: MB-2026'                    | 'program: '            | program: must be a non-empty text such as MB-2026, not empty
            'program: MB-2026'                    | 'program: [a]'         | program: must be a non-empty text such as MB-2026, not a list
            'year: 2026\\n'                       | ''                     | year: is missing (required)
            'year: 2026'                          | 'year: 2025'           | year: is 2025 but the file is the programme of 2026
            'year: 2026'                          | 'year: 2026.5'         | year: must be a whole number such as 2026, not 2026.5
            'year: 2026'                          | 'year: ''2026'''       | year: must be a whole number such as 2026, not '2026'
            '  GOLD: 1.5\\n'                      | ''                     | tiers.GOLD: is missing (required)
            '  GOLD: 1.5'                         | '  GOLD: 1.5\\n  DIAMOND: 3' | tiers.DIAMOND: unknown key 'DIAMOND'; expected one of BRONZE, SILVER, GOLD, PLATINUM
            '  GOLD: 1.5'                         | '  gold: 1.5'          | tiers.gold: unknown key 'gold'
            '  GOLD: 1.5'                         | '  GOLD: 100.01'       | tiers.GOLD: is 100.01; must be a percentage from 0 to 100
            '  GOLD: 1.5'                         | '  GOLD: -0.5'         | tiers.GOLD: is -0.5; must be a percentage from 0 to 100
            '  GOLD: 1.5'                         | '  GOLD: ''1.5'''      | tiers.GOLD: must be a number, not '1.5'
            '  GOLD: 1.5'                         | '  GOLD: 1,5'          | tiers.GOLD: must be a number, not '1,5'
            'attainment:'                         | 'atainment:'           | atainment: unknown key 'atainment'; expected one of program, year, tiers, attainment, growth, promos, cap, co-funding
            '{ from: 100, rate: 5.0 }'            | '{ from: 80, rate: 5.0 }'  | attainment[1].from: is 80, not above the previous rung's 80; rungs must be strictly ascending by from
            '{ from: 100, rate: 5.0 }'            | '{ from: 70, rate: 5.0 }'  | attainment[1].from: is 70, not above the previous rung's 80
            '{ from: 80, rate: 2.0 }'             | '{ from: -1, rate: 2.0 }'  | attainment[0].from: is -1; must be 0 or more
            '{ from: 80, rate: 2.0 }'             | '{ from: 80, rate: 101 }'  | attainment[0].rate: is 101; must be a percentage from 0 to 100
            '{ from: 80, rate: 2.0 }'             | '{ from: 80 }'         | attainment[0].rate: is missing (required)
            '{ from: 80, rate: 2.0 }'             | '{ from: 80, rate: 2.0, to: 90 }' | attainment[0].to: unknown key 'to'; expected one of from, rate
            '{ from: 25, rate: 1.0 }'             | '{ from: 5, rate: 1.0 }'   | growth[1].from: is 5, not above the previous rung's 10
            '{ from: 25, rate: 1.0 }'             | '{ frm: 25, rate: 1.0 }'   | growth[1].frm: unknown key 'frm'
            'growth:\\n  - { from: 10, rate: 0.5 }\\n  - { from: 25, rate: 1.0 }' | 'growth:' | growth: must be a list (write [] for none), not empty
            'growth:\\n  - { from: 10, rate: 0.5 }\\n  - { from: 25, rate: 1.0 }' | 'growth: 10' | growth: must be a list (write [] for none), not 10
            'growth:\\n  - { from: 10, rate: 0.5 }' | 'growth:\\n  - 10'   | growth[0]: must be a mapping with the keys from, rate, not 10
            'from: 2026-03-01'                    | 'from: 2025-12-01'     | promos[0].from: is 2025-12-01, outside the programme year 2026
            'to: 2026-05-31'                      | 'to: 2027-01-31'       | promos[0].to: is 2027-01-31, outside the programme year 2026
            'to: 2026-05-31'                      | 'to: 2026-02-28'       | promos[0].to: is 2026-02-28, before the window's start 2026-03-01
            'to: 2026-05-31'                      | 'to: 2026-02-30'       | promos[0].to: must be a date like 2026-03-01, not '2026-02-30'
            'from: 2026-03-01'                    | 'from: 1.3.2026'       | promos[0].from: must be a date like 2026-03-01, not '1.3.2026'
            'product-line: PRINTERS'              | 'product-line: printers' | promos[0].product-line: must be an upper-case code such as PRINTERS or TRADE_SHOWS (A-Z, 0-9, _), not 'printers'
            'product-line: PRINTERS, '            | ''                     | promos[0].product-line: is missing (required)
            '2026-05-31, rate: 1.0 }'             | '2026-05-31, rate: 1.0, region: NORTH }' | promos[0].region: unknown key 'region'; expected one of product-line, from, to, rate
            'cap: 5.0'                            | 'cap: 150'             | cap: is 150; must be a percentage from 0 to 100
            'cap: 5.0\\n'                         | ''                     | cap: is missing (required)
            'share: 50'                           | 'share: 100.5'         | co-funding.share: is 100.5; must be a percentage from 0 to 100
            '  share: 50\\n'                      | ''                     | co-funding.share: is missing (required)
            'share: 50'                           | 'shares: 50'           | co-funding.shares: unknown key 'shares'; expected one of share, key-directions
            '[CATALOGUES, TRADE_SHOWS]'           | '[CATALOGUES, trade-shows]' | co-funding.key-directions[1]: must be an upper-case code such as PRINTERS or TRADE_SHOWS (A-Z, 0-9, _), not 'trade-shows'
            '[CATALOGUES, TRADE_SHOWS]'           | '[CATALOGUES, CATALOGUES]'  | co-funding.key-directions[1]: CATALOGUES is listed twice
            '[CATALOGUES, TRADE_SHOWS]'           | 'CATALOGUES'           | co-funding.key-directions: must be a list (write [] for none), not 'CATALOGUES'
            """)
    void refusesWithFileKeyAndReason(String original, String replacement, String expected) throws IOException {
        String yaml = replaceOnce(VALID, unescape(original), unescape(replacement));
        Path file = Files.writeString(dir.resolve("2026.yml"), yaml);

        assertThatThrownBy(() -> loader.load(dir, 2026))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": " + expected);
    }

    @Test
    void theTemplateWithTheRulesOfSection8IsValid() throws IOException {
        Files.writeString(dir.resolve("2026.yml"), VALID_WITH_RULES);

        BonusProgram program = loader.load(dir, 2026).program();

        assertThat(program.annual()).isPresent();
        assertThat(program.earlyPayment()).isPresent();
        assertThat(program.topPerformers()).isPresent();
        assertThat(program.coFunding().eligible()).isPresent();
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            'eligible: [BOOKLETS, ONLINE, MERCHANDISE]' | 'eligible: [BOOKLETS, online]' | co-funding.eligible[1]: must be an upper-case code such as PRINTERS or TRADE_SHOWS (A-Z, 0-9, _), not 'online'
            'eligible: [BOOKLETS, ONLINE, MERCHANDISE]' | 'eligible: [BOOKLETS, ONLINE, BOOKLETS]' | co-funding.eligible[2]: BOOKLETS is listed twice
            'eligible: [BOOKLETS, ONLINE, MERCHANDISE]' | 'eligible: BOOKLETS' | co-funding.eligible: must be a list (write [] for none), not 'BOOKLETS'
            'eligible: [BOOKLETS, ONLINE, MERCHANDISE]' | 'eligible:' | co-funding.eligible: must be a list (write [] for none), not empty
            'eligible: [BOOKLETS, ONLINE, MERCHANDISE]' | 'eligible: [BOOKLETS, 12]' | co-funding.eligible[1]: must be an upper-case code such as PRINTERS or TRADE_SHOWS (A-Z, 0-9, _), not 12
            'eligible: [BOOKLETS, ONLINE, MERCHANDISE]' | 'eligable: [BOOKLETS]' | co-funding.eligable: unknown key 'eligable'; expected one of share, key-directions, eligible
            'annual:'                                   | 'anual:'  | anual: unknown key 'anual'; expected one of program, year, tiers, attainment, growth, promos, cap, co-funding, annual, early-payment, top-performers
            '{ from: 110, rate: 2.0 }'                  | '{ from: 100, rate: 2.0 }' | annual.attainment[1].from: is 100, not above the previous rung's 100; rungs must be strictly ascending by from
            '{ from: 110, rate: 2.0 }'                  | '{ from: 90, rate: 2.0 }'  | annual.attainment[1].from: is 90, not above the previous rung's 100; rungs must be strictly ascending by from
            '{ from: 100, rate: 1.0 }'                  | '{ from: -5, rate: 1.0 }'  | annual.attainment[0].from: is -5; must be 0 or more
            '{ from: 100, rate: 1.0 }'                  | '{ from: 100, rate: 101 }' | annual.attainment[0].rate: is 101; must be a percentage from 0 to 100
            '{ from: 100, rate: 1.0 }'                  | '{ from: 100, rate: -1 }'  | annual.attainment[0].rate: is -1; must be a percentage from 0 to 100
            '{ from: 100, rate: 1.0 }'                  | '{ from: 100 }'            | annual.attainment[0].rate: is missing (required)
            '{ from: 100, rate: 1.0 }'                  | '{ from: ''100'', rate: 1.0 }' | annual.attainment[0].from: must be a number, not '100'
            '{ from: 100, rate: 1.0 }'                  | '{ from: 100, rate: 1.0, to: 120 }' | annual.attainment[0].to: unknown key 'to'; expected one of from, rate
            '  attainment:\\n    - { from: 100'          | '  rungs:\\n    - { from: 100' | annual.rungs: unknown key 'rungs'; expected one of attainment
            'annual:\\n  attainment:\\n    - { from: 100, rate: 1.0 }\\n    - { from: 110, rate: 2.0 }' | 'annual:' | annual: must be a mapping with the keys attainment, not empty
            'annual:\\n  attainment:\\n    - { from: 100, rate: 1.0 }\\n    - { from: 110, rate: 2.0 }' | 'annual: {}' | annual.attainment: is missing (required)
            'annual:\\n  attainment:\\n    - { from: 100, rate: 1.0 }\\n    - { from: 110, rate: 2.0 }' | 'annual:\\n  attainment: 100' | annual.attainment: must be a list (write [] for none), not 100
            'annual:\\n  attainment:\\n    - { from: 100, rate: 1.0 }\\n    - { from: 110, rate: 2.0 }' | 'annual:\\n  attainment:\\n    - 100' | annual.attainment[0]: must be a mapping with the keys from, rate, not 100
            'days: 10'                                  | 'days: -1'     | early-payment.days: is -1; must be 0 or more
            'days: 10'                                  | 'days: 2.5'    | early-payment.days: must be a whole number of days such as 10, not 2.5
            'days: 10'                                  | 'days: ''10''' | early-payment.days: must be a whole number of days such as 10, not '10'
            'days: 10'                                  | 'days: 10000000000' | early-payment.days: must be a whole number of days such as 10, not 10000000000
            'days: 10\\n'                                | ''             | early-payment.days: is missing (required)
            'days: 10'                                  | 'day: 10'      | early-payment.day: unknown key 'day'; expected one of days, rate
            '\\n  rate: 0.5'                             | '\\n  rate: 100.5' | early-payment.rate: is 100.5; must be a percentage from 0 to 100
            '\\n  rate: 0.5'                             | '\\n  rate: -0.1'  | early-payment.rate: is -0.1; must be a percentage from 0 to 100
            '\\n  rate: 0.5'                             | '\\n  rate: 0,5'   | early-payment.rate: must be a number, not '0,5'
            '\\n  rate: 0.5\\n'                           | '\\n'           | early-payment.rate: is missing (required)
            'early-payment:\\n  days: 10\\n  rate: 0.5'   | 'early-payment: 10' | early-payment: must be a mapping with the keys days, rate, not 10
            'min-growth: 10'                            | 'min-growth: ''10%''' | top-performers.min-growth: must be a number, not '10%'
            'min-growth: 10'                            | 'min-growth:'  | top-performers.min-growth: must be a number, not empty
            '  min-growth: 10\\n'                        | ''             | top-performers.min-growth: is missing (required)
            'min-growth: 10'                            | 'min_growth: 10' | top-performers.min_growth: unknown key 'min_growth'; expected one of min-growth, places
            '[1.0, 0.5, 0.25]'                          | '[1.0, 0.5, 0.75]' | top-performers.places[2]: is 0.75, above the previous place's 0.5; a lower place must not earn more than a higher one
            '[1.0, 0.5, 0.25]'                          | '[101, 0.5, 0.25]' | top-performers.places[0]: is 101; must be a percentage from 0 to 100
            '[1.0, 0.5, 0.25]'                          | '[1.0, 0.5, -0.25]' | top-performers.places[2]: is -0.25; must be a percentage from 0 to 100
            '[1.0, 0.5, 0.25]'                          | '[1.0, ''0.5'']' | top-performers.places[1]: must be a number, not '0.5'
            '[1.0, 0.5, 0.25]'                          | '[]'           | top-performers.places: is empty; list the rate of at least place 1
            '[1.0, 0.5, 0.25]'                          | '1.0'          | top-performers.places: must be a list of rates such as [1.0, 0.5], not 1.0
            '  places: [1.0, 0.5, 0.25]\\n'              | ''             | top-performers.places: is missing (required)
            'top-performers:\\n  min-growth: 10\\n  places: [1.0, 0.5, 0.25]' | 'top-performers: [1.0]' | top-performers: must be a mapping with the keys min-growth, places, not a list
            """)
    void refusesTheRulesOfSection8WithFileKeyAndReason(String original, String replacement, String expected)
            throws IOException {
        String yaml = replaceOnce(VALID_WITH_RULES, unescape(original), unescape(replacement));
        Path file = Files.writeString(dir.resolve("2026.yml"), yaml);

        assertThatThrownBy(() -> loader.load(dir, 2026))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": " + expected);
    }

    @Test
    void boundaryValuesOfTheRulesOfSection8AreAccepted() throws IOException {
        String yaml = VALID_WITH_RULES
                .replace("eligible: [BOOKLETS, ONLINE, MERCHANDISE]", "eligible: [CATALOGUES, BOOKLETS]")
                .replace("{ from: 100, rate: 1.0 }", "{ from: 0, rate: 0 }")
                .replace("{ from: 110, rate: 2.0 }", "{ from: 250, rate: 100 }")
                .replace("days: 10", "days: 0")
                .replace("\n  rate: 0.5", "\n  rate: 100")
                .replace("min-growth: 10", "min-growth: -5.5")
                .replace("[1.0, 0.5, 0.25]", "[0.5, 0.5, 0]");
        Files.writeString(dir.resolve("2026.yml"), yaml);

        BonusProgram program = loader.load(dir, 2026).program();

        assertThat(program.coFunding().eligible()).contains(List.of("CATALOGUES", "BOOKLETS"));
        assertThat(program.annual().orElseThrow().attainment()).containsExactly(
                new Rung(BigDecimal.ZERO, BigDecimal.ZERO), new Rung(new BigDecimal("250"), new BigDecimal("100")));
        assertThat(program.earlyPayment()).contains(new EarlyPayment(0, new BigDecimal("100")));
        assertThat(program.topPerformers()).contains(new TopPerformers(new BigDecimal("-5.5"),
                List.of(new BigDecimal("0.5"), new BigDecimal("0.5"), BigDecimal.ZERO)));
    }

    @Test
    void emptyEligibleAndAnnualListsAreAccepted() throws IOException {
        String yaml = VALID_WITH_RULES
                .replace("eligible: [BOOKLETS, ONLINE, MERCHANDISE]", "eligible: []")
                .replace("  attainment:\n    - { from: 100, rate: 1.0 }\n    - { from: 110, rate: 2.0 }\n",
                        "  attainment: []\n");
        Files.writeString(dir.resolve("2026.yml"), yaml);

        BonusProgram program = loader.load(dir, 2026).program();

        assertThat(program.coFunding().eligible()).contains(List.of());
        assertThat(program.annual()).contains(new AnnualRebate(List.of()));
    }

    @Test
    void missingTiersMappingIsNamed() throws IOException {
        String yaml = VALID.replaceAll("(?s)tiers:.*?attainment:", "attainment:");
        Path file = Files.writeString(dir.resolve("2026.yml"), yaml);

        assertThatThrownBy(() -> loader.load(dir, 2026))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": tiers: is missing (required)");
    }

    @Test
    void missingCoFundingIsNamed() throws IOException {
        String yaml = VALID.substring(0, VALID.indexOf("co-funding:"));
        Path file = Files.writeString(dir.resolve("2026.yml"), yaml);

        assertThatThrownBy(() -> loader.load(dir, 2026))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": co-funding: is missing (required)");
    }

    @Test
    void topLevelMustBeAMapping() throws IOException {
        Path file = Files.writeString(dir.resolve("2026.yml"), "- program: MB-2026\n");

        assertThatThrownBy(() -> loader.load(dir, 2026))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": must be a mapping with the keys program, year,");
    }

    @Test
    void boundaryValuesAreAccepted() throws IOException {
        String yaml = VALID.replace("GOLD: 1.5", "GOLD: 0").replace("PLATINUM: 2.0", "PLATINUM: 100")
                .replace("{ from: 25, rate: 1.0 }", "{ from: 150, rate: 1.0 }")
                .replace("{ from: 80, rate: 2.0 }", "{ from: 0, rate: 2.0 }")
                .replace("to: 2026-05-31", "to: 2026-03-01")
                .replace("cap: 5.0", "cap: 100");
        Files.writeString(dir.resolve("2026.yml"), yaml);

        BonusProgram program = loader.load(dir, 2026).program();

        assertThat(program.tierRate("PLATINUM")).isEqualByComparingTo("100");
        assertThat(program.growth().get(1).from()).isEqualTo(new BigDecimal("150"));
        assertThat(program.highestAttainmentRung(BigDecimal.ZERO)).isPresent();
        assertThat(program.promos().get(0).from()).isEqualTo(program.promos().get(0).to());
    }

    @Test
    void decimalsAreKeptExactlyAsWritten() throws IOException {
        String yaml = VALID.replace("GOLD: 1.5", "GOLD: 0.30000000000000000001")
                .replace("{ from: 80, rate: 2.0 }", "{ from: 79.9999, rate: 2.10 }");
        Files.writeString(dir.resolve("2026.yml"), yaml);

        BonusProgram program = loader.load(dir, 2026).program();

        assertThat(program.tierRate("GOLD")).isEqualTo(new BigDecimal("0.30000000000000000001"));
        assertThat(program.attainment().get(0)).isEqualTo(new Rung(new BigDecimal("79.9999"), new BigDecimal("2.10")));
    }

    private static String unescape(String text) {
        return text == null ? "" : text.replace("\\n", "\n");
    }

    /** Fails loudly if the template does not hold the text, so that no case silently tests the valid file. */
    private static String replaceOnce(String text, String original, String replacement) {
        int at = text.indexOf(original);
        assertThat(at).as("template contains %s", original).isNotNegative();
        return text.substring(0, at) + replacement + text.substring(at + original.length());
    }
}
