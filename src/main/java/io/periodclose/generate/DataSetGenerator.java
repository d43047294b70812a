package io.periodclose.generate;

import io.periodclose.money.Currencies;
import io.periodclose.period.Quarter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a realistic synthetic data set, the CSV files of SPEC §2 plus one bonus programme per year, for demos
 * and benchmarks. The same settings always give byte-identical files: everything is drawn from
 * {@link SplittableRandom}s seeded from {@link Settings#seed()}, and nothing depends on the clock or the locale.
 *
 * <p>The figures are shaped so that every rule of the close has work to do: distributor sizes are skewed (a few
 * big ones, many small), each distributor grows or shrinks by its own rate every year so that both growth rungs
 * and no rung at all occur, targets are set so that attainment lands below 80 %, between 80 and 100 % and above,
 * a few distributors have no target, and some claims ask for more than the bonus fund will hold.
 */
public final class DataSetGenerator {

    /** What to generate: {@code linesPerQuarter} sales lines in each quarter of {@code years} years ending with {@code lastYear}. */
    public record Settings(int distributors, long linesPerQuarter, int lastYear, int years, long seed) {
        public Settings {
            if (distributors < 1) {
                throw new IllegalArgumentException("the number of distributors must be at least 1, not " + distributors);
            }
            if (linesPerQuarter < 1) {
                throw new IllegalArgumentException("the number of sales lines per quarter must be at least 1, not " + linesPerQuarter);
            }
            if (years < 1) {
                throw new IllegalArgumentException("the number of years must be at least 1, not " + years);
            }
            if (lastYear > 9999 || (long) lastYear - years + 1 < 1900) {
                throw new IllegalArgumentException("the years must lie between 1900 and 9999, not "
                        + ((long) lastYear - years + 1) + " to " + lastYear);
            }
        }

        public int firstYear() {
            return lastYear - years + 1;
        }
    }

    /** What was written: the files, in the order written, and the data rows of each CSV file (header excluded). */
    public record Summary(List<Path> files, long distributors, long salesLines, long targets, long claims,
                          long payments) {
    }

    public static final String DISTRIBUTORS_FILE = "distributors.csv";
    public static final String SALES_FILE = "sales.csv";
    public static final String TARGETS_FILE = "targets.csv";
    public static final String CLAIMS_FILE = "claims.csv";
    public static final String PAYMENTS_FILE = "payments.csv";
    public static final String PROGRAMS_DIR = "programs";

    static final String[] DISTRIBUTOR_COLUMNS = {"code", "name", "tier", "currency", "email", "region"};
    static final String[] SALES_COLUMNS = {"document_no", "line_no", "document_type", "document_date",
            "distributor_code", "product_code", "product_line", "quantity", "net_amount", "currency", "due_date"};
    static final String[] TARGET_COLUMNS = {"distributor_code", "period", "target_amount"};
    static final String[] CLAIM_COLUMNS = {"claim_id", "distributor_code", "claim_date", "direction", "description",
            "amount", "currency"};
    static final String[] PAYMENT_COLUMNS = {"payment_id", "distributor_code", "document_no", "paid_date", "amount",
            "currency"};
    /** Payment terms in days, by distributor (code order): invoices fall due this long after their date. */
    private static final int[] PAYMENT_TERMS = {30, 14, 45, 30, 60};

    static final String[] TIERS = {"BRONZE", "SILVER", "GOLD", "PLATINUM"};
    private static final int[] TIER_PERCENT = {50, 28, 16, 6};
    /** Higher tiers are bigger partners: the tier scales the distributor's share of the sales. */
    private static final double[] TIER_SIZE = {1, 3, 8, 20};
    private static final int GOLD = 2;
    private static final int[] TIER_BY_ROLL = rollTable(TIER_PERCENT);

    private record CurrencyProfile(String code, int percent, double perRub, String[] legalForms, String[] regions) {
    }

    /** Mostly roubles; JPY is there because it has no minor unit, which every amount format must survive. */
    private static final CurrencyProfile[] CURRENCIES = {
            new CurrencyProfile("RUB", 72, 1.0, new String[]{"ООО", "АО", "ПАО"}, new String[]{
                    "Москва", "Санкт-Петербург", "Московская область", "Новосибирская область",
                    "Свердловская область", "Республика Татарстан", "Краснодарский край", "Нижегородская область",
                    "Самарская область", "Приморский край"}),
            new CurrencyProfile("EUR", 6, 0.0105, new String[]{"ООО", "АО"}, new String[]{"Германия", "Сербия", "Кипр"}),
            new CurrencyProfile("KZT", 9, 5.6, new String[]{"ТОО", "АО"}, new String[]{"Алматы", "Астана", "Карагандинская область"}),
            new CurrencyProfile("JPY", 3, 1.75, new String[]{"ООО"}, new String[]{"Токио", "Осака"}),
            new CurrencyProfile("BYN", 6, 0.036, new String[]{"ООО", "ОДО", "ЧУП"}, new String[]{"Минск", "Гомельская область"}),
            new CurrencyProfile("USD", 4, 0.0115, new String[]{"ООО", "АО"}, new String[]{"ОАЭ", "Армения"}),
    };
    private static final int[] CURRENCY_BY_ROLL = rollTable(currencyPercent());

    private static final String[] NAME_ROOTS = {"Альфа", "Вектор", "Гамма", "Дельта", "Омега", "Сигма", "Прогресс",
            "Меридиан", "Север", "Восток", "Горизонт", "Импульс", "Орион", "Спектр", "Стимул", "Техно", "Инфо",
            "Пульсар", "Эталон", "Вега", "Аврора", "Зенит", "Кристалл", "Магистраль", "Палитра"};
    private static final String[] NAME_ENDINGS = {"Трейд", "Снаб", "Дистрибуция", "Логистик", "Офис", "Компьютерс",
            "Системы", "Сервис", "Групп", "Маркет", "Интеграция", "Поставка"};

    static final String[] PRODUCT_LINES = {"PRINTERS", "LAPTOPS", "MONITORS", "ACCESSORIES", "SUPPLIES"};
    private static final String[] PRODUCT_PREFIXES = {"PRN", "LAP", "MON", "ACC", "SUP"};
    private static final int[] PRODUCT_LINE_PERCENT = {24, 18, 20, 22, 16};
    private static final double[] PRICE_FROM_RUB = {9_000, 45_000, 11_000, 400, 900};
    private static final double[] PRICE_TO_RUB = {95_000, 190_000, 70_000, 6_500, 12_000};
    private static final int[] PRODUCT_LINE_BY_ROLL = rollTable(PRODUCT_LINE_PERCENT);
    private static final int[] MAX_QUANTITY = {6, 8, 10, 40, 60};
    private static final int PRODUCTS_PER_LINE = 40;
    /** A share of each distributor's lines goes to its favourite product line, so promos matter more to some. */
    private static final int FAVOURITE_LINE_PERCENT = 35;
    private static final int CREDIT_NOTE_PERCENT = 5;
    /** Prices move with the season; growth is measured against the same quarter a year earlier, so it is unaffected. */
    private static final double[] SEASON = {0.92, 1.0, 0.96, 1.12};

    static final String[] DIRECTIONS = {"CATALOGUES", "TRADE_SHOWS", "BOOKLETS", "ADVERTISING", "SAMPLES"};
    private static final int[] DIRECTION_PERCENT = {25, 15, 20, 25, 15};
    private static final int[] DIRECTION_BY_ROLL = rollTable(DIRECTION_PERCENT);
    /** {@code {year}} becomes the claim's year and {@code #} a print run or a count. */
    private static final String[][] DESCRIPTIONS = {
            {"Каталог «Принтеры и МФУ {year}», тираж # экз.", "Печать каталогов продукции, # экз.",
                    "Каталог новинок \"Офис и дом\" для дилеров"},
            {"Участие в выставке «Связь-{year}», стенд 24 м²", "Выставка \"Электроника. Офис\": аренда стенда и застройка",
                    "Региональная выставка-ярмарка, демонстрация ноутбуков"},
            {"Буклеты для розничных точек, # шт.", "Листовки \"Новинки квартала\"", "Буклет «Мониторы для бизнеса», # шт."},
            {"Реклама в отраслевом журнале, разворот", "Баннерная реклама на маркетплейсе",
                    "Наружная реклама: щиты 3×6 м, # шт."},
            {"Демонстрационные образцы мониторов для шоурума", "Образцы расходных материалов, # комплектов",
                    "Ноутбуки для тест-драйва у партнёров, # шт."},
    };
    private static final int[] PRINT_RUNS = {50, 100, 200, 300, 500, 1000, 2000, 5000};
    /** A rough bonus rate, to size claims against what the distributor's fund will hold. */
    private static final double TYPICAL_BONUS_SHARE = 0.04;

    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000};

    private record Distributor(String code, String name, int tier, int currency, String email, String region,
                               int favouriteLine, boolean hasTargets, double[] weightByYear) {
    }

    private final Settings settings;
    private final Distributor[] distributors;
    private final int[] minorDigits = new int[CURRENCIES.length];
    private final String[] productCodes = new String[PRODUCT_LINES.length * PRODUCTS_PER_LINE];
    private final double[] productPriceRub = new double[productCodes.length];
    /** The year's prices rise with the total size of the market, so that a distributor's turnover follows its own weight. */
    private final double[] priceIndexByYear;
    private final long salesSeed;
    private final long targetsSeed;
    private final long claimsSeed;
    private final long paymentsSeed;

    public DataSetGenerator(Settings settings) {
        this.settings = settings;
        SplittableRandom root = new SplittableRandom(settings.seed());
        SplittableRandom master = root.split();
        salesSeed = root.nextLong();
        targetsSeed = root.nextLong();
        claimsSeed = root.nextLong();
        paymentsSeed = root.nextLong(); // drawn last, so the other files stay what the same seed always gave
        for (int c = 0; c < CURRENCIES.length; c++) {
            minorDigits[c] = Currencies.minorDigits(CURRENCIES[c].code());
        }
        for (int line = 0; line < PRODUCT_LINES.length; line++) {
            for (int i = 0; i < PRODUCTS_PER_LINE; i++) {
                int p = line * PRODUCTS_PER_LINE + i;
                productCodes[p] = PRODUCT_PREFIXES[line] + "-" + (1001 + i);
                productPriceRub[p] = PRICE_FROM_RUB[line] + (PRICE_TO_RUB[line] - PRICE_FROM_RUB[line]) * master.nextDouble();
            }
        }
        distributors = new Distributor[settings.distributors()];
        for (int d = 0; d < distributors.length; d++) {
            distributors[d] = distributor(d, master);
        }
        priceIndexByYear = new double[settings.years()];
        for (int y = 0; y < settings.years(); y++) {
            priceIndexByYear[y] = totalWeight(y) / totalWeight(0);
        }
    }

    /** Writes the data set into {@code dir} (created if needed), replacing files of the same names. */
    public Summary writeTo(Path dir) throws IOException {
        Path programs = Files.createDirectories(dir.resolve(PROGRAMS_DIR));
        long[][] turnover = new long[settings.years() * 4][distributors.length];
        List<Path> files = new ArrayList<>();

        Path file = dir.resolve(DISTRIBUTORS_FILE);
        long distributorRows = writeDistributors(file);
        files.add(file);
        file = dir.resolve(SALES_FILE);
        Path paymentsFile = dir.resolve(PAYMENTS_FILE);
        long[] paymentRows = new long[1];
        long salesRows = writeSales(file, new SplittableRandom(salesSeed), turnover, paymentsFile,
                new SplittableRandom(paymentsSeed), paymentRows);
        files.add(file);
        file = dir.resolve(TARGETS_FILE);
        long targetRows = writeTargets(file, new SplittableRandom(targetsSeed), turnover);
        files.add(file);
        file = dir.resolve(CLAIMS_FILE);
        long claimRows = writeClaims(file, new SplittableRandom(claimsSeed), turnover);
        files.add(file);
        files.add(paymentsFile);
        for (int year = settings.firstYear(); year <= settings.lastYear(); year++) {
            file = programs.resolve(year + ".yml");
            Files.writeString(file, programme(year), StandardCharsets.UTF_8);
            files.add(file);
        }
        return new Summary(List.copyOf(files), distributorRows, salesRows, targetRows, claimRows, paymentRows[0]);
    }

    private Distributor distributor(int d, SplittableRandom random) {
        // The first few distributors take every tier and currency in turn, so even a tiny data set has them all.
        int tier = d < TIERS.length ? d : TIER_BY_ROLL[random.nextInt(100)];
        int currency = d < CURRENCIES.length ? d : CURRENCY_BY_ROLL[random.nextInt(100)];
        CurrencyProfile profile = CURRENCIES[currency];
        String code = "D" + zeroPadded(d + 1, 6);
        String region = profile.regions()[random.nextInt(profile.regions().length)];
        String form = profile.legalForms()[random.nextInt(profile.legalForms().length)];
        String root = NAME_ROOTS[random.nextInt(NAME_ROOTS.length)];
        String brand = root + "-" + NAME_ENDINGS[random.nextInt(NAME_ENDINGS.length)];
        // Straight quotes and commas appear in real legal names; they make every reader handle CSV quoting.
        int style = random.nextInt(100);
        String name = style < 70 ? form + " «" + brand + "»"
                : style < 85 ? form + " \"" + brand + "\""
                : style < 95 ? brand + ", " + form
                : form + " \"" + root + "\", филиал «" + region + "»";
        String email = "bonus." + code.toLowerCase() + "@example.com";
        int favouriteLine = PRODUCT_LINE_BY_ROLL[random.nextInt(100)];
        // The last distributor of any sizeable set has no targets, and about one in thirty others neither.
        boolean hasTargets = random.nextInt(30) != 0 && !(d == settings.distributors() - 1 && d >= 9);
        double[] weight = new double[settings.years()];
        // Pareto sizes, capped so that one giant cannot swallow a small data set.
        weight[0] = TIER_SIZE[tier] * Math.min(100, StrictMath.pow(1 - random.nextDouble(), -1 / 1.2));
        for (int y = 1; y < weight.length; y++) {
            weight[y] = weight[y - 1] * yearlyGrowth(random);
        }
        return new Distributor(code, name, tier, currency, email, region, favouriteLine, hasTargets, weight);
    }

    /** A factor aimed at each band of the growth ladder: shrinking, below 10 %, 10–25 %, above 25 %. */
    private static double yearlyGrowth(SplittableRandom random) {
        int roll = random.nextInt(100);
        if (roll < 25) {
            return 0.75 + 0.23 * random.nextDouble();
        }
        if (roll < 60) {
            return 0.98 + 0.10 * random.nextDouble();
        }
        if (roll < 85) {
            return 1.12 + 0.11 * random.nextDouble();
        }
        return 1.28 + 0.32 * random.nextDouble();
    }

    private long writeDistributors(Path file) throws IOException {
        try (CsvWriter csv = new CsvWriter(file)) {
            csv.header(DISTRIBUTOR_COLUMNS);
            for (Distributor d : distributors) {
                csv.plain(d.code()).text(d.name()).plain(TIERS[d.tier()]).plain(CURRENCIES[d.currency()].code())
                        .text(d.email()).text(d.region()).endRow();
            }
            return csv.rows();
        }
    }

    /**
     * The sales lines and, from a random source of their own, the payments of their invoices (about one each, see
     * {@link #writePayments}), written together because a payment needs its invoice's total and due date.
     */
    private long writeSales(Path file, SplittableRandom random, long[][] turnover, Path paymentsFile,
                            SplittableRandom paying, long[] paymentRows) throws IOException {
        long lines = settings.linesPerQuarter();
        int documentDigits = Math.max(7, CsvWriter.digitCount(4 * lines));
        try (CsvWriter csv = new CsvWriter(file); CsvWriter payments = new CsvWriter(paymentsFile)) {
            csv.header(SALES_COLUMNS);
            payments.header(PAYMENT_COLUMNS);
            for (int y = 0; y < settings.years(); y++) {
                int year = settings.firstYear() + y;
                double[] cumulative = cumulativeWeights(y);
                double total = cumulative[cumulative.length - 1];
                String invoicePrefix = "INV-" + year + "-";
                String creditPrefix = "CRN-" + year + "-";
                long documentNo = 0;
                for (int q = 1; q <= 4; q++) {
                    Quarter quarter = new Quarter(year, q);
                    String[] days = days(quarter);
                    long firstDay = quarter.firstDay().toEpochDay();
                    String[][] dueDates = dueDates(quarter);
                    long[][] prices = prices(y, q);
                    long[] quarterTurnover = turnover[y * 4 + q - 1];
                    for (long line = 0; line < lines; ) {
                        // Dates advance with the line number, as in an ERP export sorted by date.
                        int day = (int) (line * days.length / lines);
                        String date = days[day];
                        int d = indexOf(cumulative, random.nextDouble() * total);
                        Distributor distributor = distributors[d];
                        int currency = distributor.currency();
                        boolean credit = random.nextInt(100) < CREDIT_NOTE_PERCENT;
                        int count = (int) Math.min(1 + random.nextInt(5), lines - line);
                        documentNo++;
                        int terms = d % PAYMENT_TERMS.length;
                        long documentTotal = 0;
                        for (int lineNo = 1; lineNo <= count; lineNo++) {
                            int productLine = random.nextInt(100) < FAVOURITE_LINE_PERCENT
                                    ? distributor.favouriteLine() : PRODUCT_LINE_BY_ROLL[random.nextInt(100)];
                            int product = productLine * PRODUCTS_PER_LINE + random.nextInt(PRODUCTS_PER_LINE);
                            double u = random.nextDouble();
                            int quantity = credit ? 1 + random.nextInt(2) : 1 + (int) (MAX_QUANTITY[productLine] * u * u);
                            int discountPerMille = random.nextInt(151);
                            long amount = prices[product][currency] * quantity * (1000 - discountPerMille) / 1000;
                            csv.padded(credit ? creditPrefix : invoicePrefix, documentNo, documentDigits)
                                    .number(lineNo)
                                    .plain(credit ? "CREDIT_NOTE" : "INVOICE")
                                    .plain(date)
                                    .plain(distributor.code())
                                    .plain(productCodes[product])
                                    .plain(PRODUCT_LINES[productLine])
                                    .number(quantity)
                                    .amount(amount, minorDigits[currency])
                                    .plain(CURRENCIES[currency].code())
                                    .plain(credit ? "" : dueDates[terms][day])
                                    .endRow();
                            quarterTurnover[d] += credit ? -amount : amount;
                            documentTotal += amount;
                        }
                        if (!credit) {
                            long due = firstDay + day + PAYMENT_TERMS[terms];
                            writePayments(payments, paying, invoicePrefix, documentNo, documentDigits, distributor,
                                    firstDay + day, due, documentTotal);
                        }
                        line += count;
                    }
                }
            }
            paymentRows[0] = payments.rows();
            return csv.rows();
        }
    }

    /**
     * How distributors pay an invoice: a third at least 10 days early (the early-payment rebate of the programmes
     * written here), most of the rest within the last 9 days or late, and one in ten in two parts, the first early.
     * Never before the invoice's date. Payments of the last quarter may fall into the next year.
     */
    private void writePayments(CsvWriter payments, SplittableRandom paying, String invoicePrefix, long documentNo,
                               int documentDigits, Distributor distributor, long invoiceDay, long dueDay, long total)
            throws IOException {
        int roll = paying.nextInt(100);
        int currency = distributor.currency();
        String document = invoicePrefix + zeroPadded(documentNo, documentDigits);
        if (total <= 0) {
            return; // a rounding of tiny prices: nothing to pay
        }
        if (roll < 10 && total >= 100) {
            long first = total * (30 + paying.nextInt(41)) / 100;
            payment(payments, document + "-1", distributor, document, Math.max(invoiceDay, dueDay - 10 - paying.nextInt(10)),
                    first, currency);
            payment(payments, document + "-2", distributor, document, dueDay - 5 + paying.nextInt(15), total - first,
                    currency);
            return;
        }
        long day = roll < 43 ? dueDay - 10 - paying.nextInt(20)
                : roll < 80 ? dueDay - paying.nextInt(10)
                : dueDay + 1 + paying.nextInt(30);
        payment(payments, document, distributor, document, Math.max(invoiceDay, day), total, currency);
    }

    private void payment(CsvWriter payments, String id, Distributor distributor, String document, long day,
                         long amount, int currency) throws IOException {
        payments.plain("PAY-" + id)
                .plain(distributor.code())
                .plain(document)
                .plain(LocalDate.ofEpochDay(day).toString())
                .amount(amount, minorDigits[currency])
                .plain(CURRENCIES[currency].code())
                .endRow();
    }

    /** The due date of an invoice dated on each day of the quarter, by payment terms, formatted once. */
    private static String[][] dueDates(Quarter quarter) {
        LocalDate first = quarter.firstDay();
        int days = (int) (quarter.lastDay().toEpochDay() - first.toEpochDay()) + 1;
        String[][] due = new String[PAYMENT_TERMS.length][days];
        for (int t = 0; t < PAYMENT_TERMS.length; t++) {
            for (int i = 0; i < days; i++) {
                due[t][i] = first.plusDays(i + PAYMENT_TERMS[t]).toString();
            }
        }
        return due;
    }

    /** Unit prices in minor units, by product and currency, for one quarter. */
    private long[][] prices(int yearIndex, int quarter) {
        long[][] prices = new long[productCodes.length][CURRENCIES.length];
        for (int p = 0; p < productCodes.length; p++) {
            double rub = productPriceRub[p] * priceIndexByYear[yearIndex] * SEASON[quarter - 1];
            for (int c = 0; c < CURRENCIES.length; c++) {
                prices[p][c] = Math.max(1, Math.round(rub * CURRENCIES[c].perRub() * POWERS_OF_TEN[minorDigits[c]]));
            }
        }
        return prices;
    }

    private long writeTargets(Path file, SplittableRandom random, long[][] turnover) throws IOException {
        try (CsvWriter csv = new CsvWriter(file)) {
            csv.header(TARGET_COLUMNS);
            for (int y = 0; y < settings.years(); y++) {
                for (int q = 1; q <= 4; q++) {
                    String period = new Quarter(settings.firstYear() + y, q).toString();
                    long[] actual = turnover[y * 4 + q - 1];
                    for (int d = 0; d < distributors.length; d++) {
                        Distributor distributor = distributors[d];
                        if (!distributor.hasTargets()) {
                            continue;
                        }
                        int digits = minorDigits[distributor.currency()];
                        // Set from what the distributor will actually sell, so that each attainment band is reached.
                        double reference = actual[d] > 0 ? actual[d]
                                : 250_000 * CURRENCIES[distributor.currency()].perRub() * POWERS_OF_TEN[digits];
                        long target = roundedToThreeFigures(reference / attainment(random), digits);
                        csv.plain(distributor.code()).plain(period).amount(target, digits).endRow();
                    }
                }
            }
            return csv.rows();
        }
    }

    /**
     * Attainment aimed below 80 %, between 80 and 100 %, or above, kept a step away from the rungs so that rounding
     * the target to three figures cannot move it across one.
     */
    private static double attainment(SplittableRandom random) {
        int roll = random.nextInt(100);
        if (roll < 30) {
            return 0.50 + 0.29 * random.nextDouble();
        }
        if (roll < 65) {
            return 0.81 + 0.18 * random.nextDouble();
        }
        return 1.01 + 0.39 * random.nextDouble();
    }

    /** Targets are round figures (1 230 000.00), as a sales manager would set them. */
    private static long roundedToThreeFigures(double minorUnits, int digits) {
        long major = Math.round(minorUnits / POWERS_OF_TEN[digits]);
        long step = 1;
        for (int n = CsvWriter.digitCount(major); n > 3; n--) {
            step *= 10;
        }
        return Math.max(step, Math.round((double) major / step) * step) * POWERS_OF_TEN[digits];
    }

    private record Claim(int day, int distributor, int direction, String description, long amount) {
    }

    private long writeClaims(Path file, SplittableRandom random, long[][] turnover) throws IOException {
        try (CsvWriter csv = new CsvWriter(file)) {
            csv.header(CLAIM_COLUMNS);
            for (int y = 0; y < settings.years(); y++) {
                int year = settings.firstYear() + y;
                String prefix = "CLM-" + year + "-";
                long sequence = 0;
                for (int q = 1; q <= 4; q++) {
                    String[] days = days(new Quarter(year, q));
                    long[] actual = turnover[y * 4 + q - 1];
                    List<Claim> claims = new ArrayList<>();
                    for (int d = 0; d < distributors.length; d++) {
                        int count = claimCount(random, distributors[d].tier());
                        for (int i = 0; i < count; i++) {
                            int direction = DIRECTION_BY_ROLL[random.nextInt(100)];
                            claims.add(new Claim(random.nextInt(days.length), d, direction,
                                    description(direction, year, random), claimAmount(random, d, actual[d])));
                        }
                    }
                    // Claim ids follow the claim dates, as an accounts-payable register would number them.
                    claims.sort(Comparator.comparingInt(Claim::day));
                    for (Claim claim : claims) {
                        Distributor distributor = distributors[claim.distributor()];
                        csv.padded(prefix, ++sequence, 6)
                                .plain(distributor.code())
                                .plain(days[claim.day()])
                                .plain(DIRECTIONS[claim.direction()])
                                .text(claim.description())
                                .amount(claim.amount(), minorDigits[distributor.currency()])
                                .plain(CURRENCIES[distributor.currency()].code())
                                .endRow();
                    }
                }
            }
            return csv.rows();
        }
    }

    /** Most distributors claim nothing in a quarter; bigger partners run more marketing. */
    private static int claimCount(SplittableRandom random, int tier) {
        int roll = Math.min(99, random.nextInt(100) + (tier >= GOLD ? 25 : 0));
        return roll < 60 ? 0 : roll < 85 ? 1 : roll < 95 ? 2 : 3;
    }

    /** Usually a fraction of the bonus the quarter earns; one claim in five more than the fund could cover. */
    private long claimAmount(SplittableRandom random, int d, long quarterTurnover) {
        int currency = distributors[d].currency();
        int digits = minorDigits[currency];
        double bonus = quarterTurnover > 0 ? quarterTurnover * TYPICAL_BONUS_SHARE
                : 15_000 * CURRENCIES[currency].perRub() * POWERS_OF_TEN[digits];
        double factor = random.nextInt(100) < 20 ? 1.2 + 1.8 * random.nextDouble() : 0.1 + 0.8 * random.nextDouble();
        long ten = 10 * POWERS_OF_TEN[digits];
        long amount = Math.max(ten, (long) (bonus * factor) / ten * ten);
        if (digits > 0 && random.nextInt(4) == 0) {
            amount += random.nextInt((int) POWERS_OF_TEN[digits]);
        }
        return amount;
    }

    private static String description(int direction, int year, SplittableRandom random) {
        String[] templates = DESCRIPTIONS[direction];
        return templates[random.nextInt(templates.length)]
                .replace("{year}", Integer.toString(year))
                .replace("#", Integer.toString(PRINT_RUNS[random.nextInt(PRINT_RUNS.length)]));
    }

    static String programme(int year) {
        return """
                program: MB-{year}
                year: {year}
                tiers:            # base bonus, % of quarterly net turnover, by partner tier
                  BRONZE: 0.5
                  SILVER: 1.0
                  GOLD: 1.5
                  PLATINUM: 2.0
                attainment:       # % of turnover, by quarterly target attainment (highest rung reached)
                  - { from: 80,  rate: 2.0 }
                  - { from: 100, rate: 5.0 }
                growth:           # % of turnover, by growth over the same quarter last year (highest rung reached)
                  - { from: 10, rate: 0.5 }
                  - { from: 25, rate: 1.0 }
                promos:           # % of the product line's net turnover inside the window
                  - { product-line: PRINTERS, from: {year}-03-15, to: {year}-05-14, rate: 1.0 }
                cap: 5.0          # the quarter's total bonus never exceeds this % of turnover
                co-funding:
                  share: 50                                  # % of a claim's amount the bonus pays
                  key-directions: [CATALOGUES, TRADE_SHOWS]  # these the bonus pays 100%
                  eligible: [BOOKLETS, ADVERTISING, SAMPLES] # what else the fund may pay for
                early-payment:    # % of the invoices paid at least `days` before their due date
                  days: 10
                  rate: 0.5
                top-performers:   # % of turnover for the best growth within each tier, places 1, 2, 3
                  min-growth: 10
                  places: [1.0, 0.5, 0.25]
                annual:           # at year end, % of the year's turnover by attainment of the annual target
                  attainment:
                    - { from: 100, rate: 1.0 }
                    - { from: 110, rate: 2.0 }
                """.replace("{year}", Integer.toString(year));
    }

    private double totalWeight(int yearIndex) {
        double total = 0;
        for (Distributor d : distributors) {
            total += d.weightByYear()[yearIndex];
        }
        return total;
    }

    private double[] cumulativeWeights(int yearIndex) {
        double[] cumulative = new double[distributors.length];
        double sum = 0;
        for (int d = 0; d < distributors.length; d++) {
            sum += distributors[d].weightByYear()[yearIndex];
            cumulative[d] = sum;
        }
        return cumulative;
    }

    /** The first index whose cumulative weight exceeds {@code x}. */
    private static int indexOf(double[] cumulative, double x) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > x) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** ISO dates of every day of the quarter, formatted once instead of once per line. */
    private static String[] days(Quarter quarter) {
        LocalDate first = quarter.firstDay();
        String[] days = new String[(int) (quarter.lastDay().toEpochDay() - first.toEpochDay()) + 1];
        for (int i = 0; i < days.length; i++) {
            days[i] = first.plusDays(i).toString();
        }
        return days;
    }

    private static int[] currencyPercent() {
        int[] percent = new int[CURRENCIES.length];
        for (int c = 0; c < percent.length; c++) {
            percent[c] = CURRENCIES[c].percent();
        }
        return percent;
    }

    /** Maps a roll of 0–99 to an index, each index taking as many rolls as its percentage. */
    private static int[] rollTable(int[] percent) {
        int[] table = new int[100];
        int roll = 0;
        for (int i = 0; i < percent.length; i++) {
            for (int n = 0; n < percent[i]; n++) {
                table[roll++] = i;
            }
        }
        return table;
    }

    private static String zeroPadded(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
