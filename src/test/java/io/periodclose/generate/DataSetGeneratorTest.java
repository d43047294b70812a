package io.periodclose.generate;

import io.periodclose.money.Currencies;
import io.periodclose.period.Quarter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataSetGeneratorTest {

    private static final int DISTRIBUTORS = 200;
    private static final long LINES = 20_000;
    private static final int YEAR = 2026;
    private static final int YEARS = 2;
    private static final Pattern CYRILLIC = Pattern.compile("\\p{IsCyrillic}");
    private static final Map<Integer, Pattern> AMOUNT_PATTERNS = new HashMap<>();
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

    @TempDir
    static Path shared;

    private static DataSetGenerator.Summary summary;
    private static Map<String, CSVRecord> distributors;
    private static List<CSVRecord> sales;
    /** Net turnover in minor units by distributor and period, as the close will compute it. */
    private static Map<String, Map<String, BigDecimal>> turnover;

    @BeforeAll
    static void generate() throws IOException {
        summary = new DataSetGenerator(new DataSetGenerator.Settings(DISTRIBUTORS, LINES, YEAR, YEARS, 42))
                .writeTo(shared);
        distributors = new HashMap<>();
        for (CSVRecord row : read(DataSetGenerator.DISTRIBUTORS_FILE)) {
            distributors.put(row.get("code"), row);
        }
        sales = read(DataSetGenerator.SALES_FILE);
        turnover = new HashMap<>();
        for (CSVRecord row : sales) {
            BigDecimal amount = new BigDecimal(row.get("net_amount"));
            String period = Quarter.of(LocalDate.parse(row.get("document_date"))).toString();
            turnover.computeIfAbsent(row.get("distributor_code"), code -> new HashMap<>())
                    .merge(period, row.get("document_type").equals("CREDIT_NOTE") ? amount.negate() : amount,
                            BigDecimal::add);
        }
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedOtherData(@TempDir Path dir) throws IOException {
        DataSetGenerator.Summary first = write(dir.resolve("a"), 7);
        DataSetGenerator.Summary again = write(dir.resolve("b"), 7);
        DataSetGenerator.Summary other = write(dir.resolve("c"), 8);

        assertEquals(first.files().size(), again.files().size());
        for (int i = 0; i < first.files().size(); i++) {
            assertEquals(-1, Files.mismatch(first.files().get(i), again.files().get(i)), first.files().get(i).toString());
        }
        for (String file : List.of(DataSetGenerator.DISTRIBUTORS_FILE, DataSetGenerator.SALES_FILE,
                DataSetGenerator.TARGETS_FILE, DataSetGenerator.CLAIMS_FILE)) {
            assertTrue(Files.mismatch(dir.resolve("a").resolve(file), dir.resolve("c").resolve(file)) >= 0, file);
        }
    }

    @Test
    void writesTheRequestedRowCountsAndFiles() {
        assertEquals(DISTRIBUTORS, summary.distributors());
        assertEquals(LINES * 4 * YEARS, summary.salesLines());
        assertEquals(DISTRIBUTORS, distributors.size());
        assertEquals(LINES * 4 * YEARS, sales.size());
        assertEquals(List.of(DataSetGenerator.DISTRIBUTORS_FILE, DataSetGenerator.SALES_FILE,
                        DataSetGenerator.TARGETS_FILE, DataSetGenerator.CLAIMS_FILE, DataSetGenerator.PAYMENTS_FILE,
                        "programs/2025.yml", "programs/2026.yml"),
                summary.files().stream().map(f -> shared.relativize(f).toString().replace('\\', '/')).toList());
    }

    @Test
    void filesAreUtf8WithHeadersAndUnixLineEnds() throws IOException {
        String text = Files.readString(shared.resolve(DataSetGenerator.DISTRIBUTORS_FILE), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("code,name,tier,currency,email,region\n"));
        assertFalse(text.contains("\r"));
        assertTrue(text.endsWith("\n"));
        assertTrue(Files.readString(shared.resolve(DataSetGenerator.SALES_FILE)).startsWith(
                String.join(",", DataSetGenerator.SALES_COLUMNS) + "\n"));
    }

    @Test
    void everySalesLineParsesWithTheDistributorsCurrencyAndMinorDigits() {
        Set<String> keys = new HashSet<>();
        Set<String> productLines = new TreeSet<>();
        Set<String> currencies = new TreeSet<>();
        int credits = 0;
        for (CSVRecord row : sales) {
            assertTrue(row.isConsistent(), "line " + row.getRecordNumber());
            assertEquals(11, row.size());
            CSVRecord distributor = distributors.get(row.get("distributor_code"));
            assertTrue(distributor != null, "unknown distributor in " + row);
            String currency = row.get("currency");
            assertEquals(distributor.get("currency"), currency);
            assertHasMinorDigits(row.get("net_amount"), currency);
            assertTrue(new BigDecimal(row.get("net_amount")).signum() >= 0);
            assertTrue(keys.add(row.get("document_no") + "/" + row.get("line_no")), "duplicate key in " + row);
            int lineNo = Integer.parseInt(row.get("line_no"));
            assertTrue(lineNo >= 1 && lineNo <= 5);
            assertTrue(Integer.parseInt(row.get("quantity")) >= 1);
            int year = LocalDate.parse(row.get("document_date")).getYear();
            assertTrue(year == YEAR || year == YEAR - 1);
            credits += switch (row.get("document_type")) {
                case "INVOICE" -> 0;
                case "CREDIT_NOTE" -> 1;
                default -> throw new AssertionError("document type " + row.get("document_type"));
            };
            productLines.add(row.get("product_line"));
            currencies.add(currency);
        }
        assertEquals(new TreeSet<>(Arrays.asList(DataSetGenerator.PRODUCT_LINES)), productLines);
        assertTrue(currencies.contains("JPY"));
        double creditShare = (double) credits / sales.size();
        assertTrue(creditShare > 0.03 && creditShare < 0.07, "credit notes: " + creditShare);
    }

    @Test
    void salesLinesFillEveryQuarterInDateOrder() {
        Map<String, Integer> perQuarter = new HashMap<>();
        LocalDate previous = LocalDate.MIN;
        for (CSVRecord row : sales) {
            LocalDate date = LocalDate.parse(row.get("document_date"));
            assertFalse(date.isBefore(previous));
            previous = date;
            perQuarter.merge(Quarter.of(date).toString(), 1, Integer::sum);
        }
        assertEquals(4 * YEARS, perQuarter.size());
        perQuarter.values().forEach(count -> assertEquals(LINES, count.longValue()));
    }

    @Test
    void distributorsHaveCyrillicNamesEveryTierAndCurrenciesWithAndWithoutMinorUnits() throws IOException {
        Set<String> tiers = new TreeSet<>();
        Set<String> currencies = new TreeSet<>();
        int quotedNames = 0;
        for (CSVRecord row : distributors.values()) {
            assertTrue(row.get("code").matches("D\\d{6}"));
            assertTrue(CYRILLIC.matcher(row.get("name")).find(), row.get("name"));
            assertTrue(CYRILLIC.matcher(row.get("region")).find(), row.get("region"));
            assertTrue(row.get("email").matches("[a-z0-9.]+@[a-z0-9.]+"));
            tiers.add(row.get("tier"));
            currencies.add(row.get("currency"));
            if (row.get("name").contains(",") || row.get("name").contains("\"")) {
                quotedNames++;
            }
        }
        assertEquals(new TreeSet<>(Arrays.asList(DataSetGenerator.TIERS)), tiers);
        assertTrue(currencies.containsAll(List.of("RUB", "EUR", "KZT", "JPY")), currencies.toString());
        assertTrue(quotedNames > 0, "no name exercises CSV quoting");
        assertTrue(Files.readString(shared.resolve(DataSetGenerator.DISTRIBUTORS_FILE)).contains("\"\""),
                "no doubled quote in the file");
    }

    @Test
    void targetsReachEveryAttainmentBandAndSomeDistributorsHaveNone() throws IOException {
        int below = 0;
        int between = 0;
        int above = 0;
        Set<String> withTargets = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (CSVRecord row : read(DataSetGenerator.TARGETS_FILE)) {
            assertTrue(row.isConsistent());
            String code = row.get("distributor_code");
            assertTrue(distributors.containsKey(code));
            Quarter.parse(row.get("period"));
            assertTrue(keys.add(code + "/" + row.get("period")));
            assertHasMinorDigits(row.get("target_amount"), distributors.get(code).get("currency"));
            withTargets.add(code);
            BigDecimal target = new BigDecimal(row.get("target_amount"));
            BigDecimal actual = turnover.getOrDefault(code, Map.of()).getOrDefault(row.get("period"), BigDecimal.ZERO);
            assertTrue(target.signum() > 0);
            double attainment = actual.doubleValue() / target.doubleValue() * 100;
            if (attainment < 80) {
                below++;
            } else if (attainment < 100) {
                between++;
            } else {
                above++;
            }
        }
        assertTrue(below > 0 && between > 0 && above > 0, below + " / " + between + " / " + above);
        assertTrue(withTargets.size() < DISTRIBUTORS, "every distributor has targets");
        assertTrue(withTargets.size() > DISTRIBUTORS * 0.8, "too few distributors have targets");
    }

    @Test
    void growthOverTheSameQuarterLastYearReachesEveryRung() {
        int none = 0;
        int first = 0;
        int second = 0;
        for (Map<String, BigDecimal> periods : turnover.values()) {
            for (int q = 1; q <= 4; q++) {
                BigDecimal now = periods.get(new Quarter(YEAR, q).toString());
                BigDecimal before = periods.get(new Quarter(YEAR - 1, q).toString());
                if (now == null || before == null || before.signum() <= 0) {
                    continue;
                }
                double growth = (now.doubleValue() - before.doubleValue()) / before.doubleValue() * 100;
                if (growth >= 25) {
                    second++;
                } else if (growth >= 10) {
                    first++;
                } else {
                    none++;
                }
            }
        }
        assertTrue(none > 0 && first > 0 && second > 0, none + " / " + first + " / " + second);
    }

    @Test
    void distributorSizesAreSkewed() {
        // Measured in lines rather than amounts, so that currencies do not distort the picture.
        Map<String, Integer> lines = new HashMap<>();
        sales.forEach(row -> lines.merge(row.get("distributor_code"), 1, Integer::sum));
        List<Integer> counts = new ArrayList<>(lines.values());
        counts.sort(null);
        int top = counts.subList(counts.size() - counts.size() / 10, counts.size()).stream().mapToInt(i -> i).sum();
        assertTrue(top > sales.size() * 0.3, "the largest tenth of distributors has only " + top + " lines");
    }

    @Test
    void claimsSpanEveryDirectionWithCyrillicDescriptionsAndSomeExceedTheBonus() throws IOException {
        Set<String> directions = new TreeSet<>();
        Set<String> ids = new HashSet<>();
        int exceeding = 0;
        List<CSVRecord> claims = read(DataSetGenerator.CLAIMS_FILE);
        assertTrue(claims.size() > 0);
        assertEquals(summary.claims(), claims.size());
        for (CSVRecord row : claims) {
            assertTrue(row.isConsistent());
            assertEquals(7, row.size());
            assertTrue(ids.add(row.get("claim_id")));
            CSVRecord distributor = distributors.get(row.get("distributor_code"));
            assertEquals(distributor.get("currency"), row.get("currency"));
            assertHasMinorDigits(row.get("amount"), row.get("currency"));
            assertTrue(CYRILLIC.matcher(row.get("description")).find());
            directions.add(row.get("direction"));
            String period = Quarter.of(LocalDate.parse(row.get("claim_date"))).toString();
            BigDecimal actual = turnover.getOrDefault(row.get("distributor_code"), Map.of())
                    .getOrDefault(period, BigDecimal.ZERO);
            BigDecimal share = Set.of("CATALOGUES", "TRADE_SHOWS").contains(row.get("direction"))
                    ? BigDecimal.ONE : new BigDecimal("0.5");
            // The capped bonus of the quarter (5 %) cannot pay this claim's requested part.
            if (new BigDecimal(row.get("amount")).multiply(share).compareTo(actual.multiply(new BigDecimal("0.05"))) > 0) {
                exceeding++;
            }
        }
        assertEquals(new TreeSet<>(Arrays.asList(DataSetGenerator.DIRECTIONS)), directions);
        assertTrue(exceeding > 0, "no claim exceeds what the bonus would cover");
    }

    @Test
    void paysEveryInvoiceInFullSomeEarlyNeverACreditNote() throws IOException {
        Map<String, BigDecimal> invoiced = new HashMap<>();
        Map<String, CSVRecord> invoices = new HashMap<>();
        for (CSVRecord line : sales) {
            if (line.get("document_type").equals("CREDIT_NOTE")) {
                assertEquals("", line.get("due_date"), "a credit note has no due date");
                continue;
            }
            LocalDate due = LocalDate.parse(line.get("due_date"));
            assertTrue(due.isAfter(LocalDate.parse(line.get("document_date"))), line.toString());
            CSVRecord first = invoices.putIfAbsent(line.get("document_no"), line);
            if (first != null) {
                assertEquals(first.get("due_date"), line.get("due_date"), "one due date per invoice");
            }
            invoiced.merge(line.get("document_no"), new BigDecimal(line.get("net_amount")), BigDecimal::add);
        }
        List<CSVRecord> payments = read(DataSetGenerator.PAYMENTS_FILE);
        assertEquals(summary.payments(), payments.size());
        Map<String, BigDecimal> paid = new HashMap<>();
        long early = 0;
        for (CSVRecord payment : payments) {
            CSVRecord invoice = invoices.get(payment.get("document_no"));
            assertTrue(invoice != null, "pays an invoice: " + payment);
            assertEquals(invoice.get("distributor_code"), payment.get("distributor_code"));
            assertEquals(invoice.get("currency"), payment.get("currency"));
            assertHasMinorDigits(payment.get("amount"), payment.get("currency"));
            LocalDate on = LocalDate.parse(payment.get("paid_date"));
            assertTrue(!on.isBefore(LocalDate.parse(invoice.get("document_date"))), "not before the invoice");
            if (!on.isAfter(LocalDate.parse(invoice.get("due_date")).minusDays(10))) {
                early++;
            }
            paid.merge(payment.get("document_no"), new BigDecimal(payment.get("amount")), BigDecimal::add);
        }
        invoiced.values().removeIf(total -> total.signum() == 0);
        assertEquals(invoiced, paid, "every invoice paid in full, in one or two payments");
        double earlyShare = (double) early / payments.size();
        assertTrue(earlyShare > 0.25 && earlyShare < 0.6, "early share " + earlyShare);
        assertTrue(payments.size() > invoiced.size(), "some invoices are paid in two parts");
    }

    @Test
    void writesAProgrammePerYearInTheSpecFormat() throws IOException {
        for (int year = YEAR - YEARS + 1; year <= YEAR; year++) {
            JsonNode programme = new YAMLMapper().readTree(
                    Files.readString(shared.resolve("programs").resolve(year + ".yml")));
            assertEquals("MB-" + year, programme.get("program").asString());
            assertEquals(year, programme.get("year").asInt());
            assertEquals(4, programme.get("tiers").size());
            assertEquals(50, programme.get("co-funding").get("share").asInt());
            assertEquals("CATALOGUES", programme.get("co-funding").get("key-directions").get(0).asString());
            assertEquals("TRADE_SHOWS", programme.get("co-funding").get("key-directions").get(1).asString());
            JsonNode promo = programme.get("promos").get(0);
            assertEquals("PRINTERS", promo.get("product-line").asString());
            LocalDate from = LocalDate.parse(promo.get("from").asString());
            LocalDate to = LocalDate.parse(promo.get("to").asString());
            assertTrue(from.getDayOfMonth() > 1 && to.getDayOfMonth() < to.lengthOfMonth(), "window must be mid-month");
            assertTrue(from.getYear() == year && to.getYear() == year && from.isBefore(to));
            assertEquals(10, programme.get("early-payment").get("days").asInt());
            assertEquals(3, programme.get("top-performers").get("places").size());
            assertEquals(2, programme.get("annual").get("attainment").size());
        }
    }

    @Test
    void refusesSettingsThatMakeNoSense() {
        assertThrows(IllegalArgumentException.class, () -> new DataSetGenerator.Settings(0, 1, YEAR, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DataSetGenerator.Settings(1, 0, YEAR, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DataSetGenerator.Settings(1, 1, YEAR, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new DataSetGenerator.Settings(1, 1, 1900, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new DataSetGenerator.Settings(1, 1, 10_000, 1, 1));
    }

    @Test
    void aSingleDistributorAndLineStillMakeAValidDataSet(@TempDir Path dir) throws IOException {
        DataSetGenerator.Summary tiny = new DataSetGenerator(new DataSetGenerator.Settings(1, 1, YEAR, 1, 3)).writeTo(dir);
        assertEquals(1, tiny.distributors());
        assertEquals(4, tiny.salesLines());
        assertEquals(4, tiny.targets());
    }

    private static DataSetGenerator.Summary write(Path dir, long seed) throws IOException {
        return new DataSetGenerator(new DataSetGenerator.Settings(30, 2_000, YEAR, YEARS, seed)).writeTo(dir);
    }

    private static void assertHasMinorDigits(String amount, String currency) {
        int digits = Currencies.minorDigits(currency);
        Pattern pattern = AMOUNT_PATTERNS.computeIfAbsent(digits,
                n -> Pattern.compile(n == 0 ? "\\d+" : "\\d+\\.\\d{" + n + "}"));
        assertTrue(pattern.matcher(amount).matches(), amount + " does not have the " + digits + " minor digits of " + currency);
    }

    private static List<CSVRecord> read(String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(shared.resolve(file), StandardCharsets.UTF_8);
             CSVParser parser = CSV.parse(reader)) {
            assertArrayEquals(columns(file), parser.getHeaderNames().toArray(String[]::new));
            return parser.getRecords();
        }
    }

    private static String[] columns(String file) {
        return switch (file) {
            case DataSetGenerator.DISTRIBUTORS_FILE -> DataSetGenerator.DISTRIBUTOR_COLUMNS;
            case DataSetGenerator.SALES_FILE -> DataSetGenerator.SALES_COLUMNS;
            case DataSetGenerator.TARGETS_FILE -> DataSetGenerator.TARGET_COLUMNS;
            case DataSetGenerator.CLAIMS_FILE -> DataSetGenerator.CLAIM_COLUMNS;
            case DataSetGenerator.PAYMENTS_FILE -> DataSetGenerator.PAYMENT_COLUMNS;
            default -> throw new IllegalArgumentException(file);
        };
    }
}
