package io.periodclose.program;

import io.periodclose.BadInputException;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the YAML tree of one programme file into a {@link BonusProgram}, refusing anything doubtful. Every
 * message reads {@code <file>: <key>: <problem>}, keys written as paths with 0-based list indexes
 * ({@code attainment[1].from} is the second rung).
 */
final class ProgramParser {

    private static final List<String> ROOT_KEYS = List.of("program", "year", "tiers", "attainment", "growth",
            "promos", "cap", "co-funding", "annual", "early-payment", "top-performers");
    private static final List<String> RUNG_KEYS = List.of("from", "rate");
    private static final List<String> PROMO_KEYS = List.of("product-line", "from", "to", "rate");
    private static final List<String> CO_FUNDING_KEYS = List.of("share", "key-directions", "eligible");
    private static final List<String> ANNUAL_KEYS = List.of("attainment");
    private static final List<String> EARLY_PAYMENT_KEYS = List.of("days", "rate");
    private static final List<String> TOP_PERFORMERS_KEYS = List.of("min-growth", "places");
    /** Product lines and directions are codes compared verbatim with the imported data, so a typo must not pass. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final String source;
    private final int year;

    ProgramParser(String source, int year) {
        this.source = source;
        this.year = year;
    }

    BonusProgram parse(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw bad("the file is empty; expected keys " + String.join(", ", ROOT_KEYS));
        }
        mapping(root, "", ROOT_KEYS);
        String id = nonBlankText(required(root, "", "program"), "program");
        int fileYear = wholeNumber(required(root, "", "year"), "year");
        if (fileYear != year) {
            throw bad("year", "is " + fileYear + " but the file is the programme of " + year
                    + " (a programme file is named after its year)");
        }
        Map<String, BigDecimal> tiers = tiers(required(root, "", "tiers"));
        List<Rung> attainment = rungs(root, "", "attainment");
        List<Rung> growth = rungs(root, "", "growth");
        List<Promo> promos = promos(root);
        BigDecimal cap = percent(required(root, "", "cap"), "cap");
        CoFunding coFunding = coFunding(required(root, "", "co-funding"));
        Optional<AnnualRebate> annual = optional(root, "annual").map(this::annual);
        Optional<EarlyPayment> earlyPayment = optional(root, "early-payment").map(this::earlyPayment);
        Optional<TopPerformers> topPerformers = optional(root, "top-performers").map(this::topPerformers);
        return new BonusProgram(id, fileYear, tiers, attainment, growth, promos, cap, coFunding,
                annual, earlyPayment, topPerformers);
    }

    private Map<String, BigDecimal> tiers(JsonNode node) {
        mapping(node, "tiers", BonusProgram.TIERS);
        Map<String, BigDecimal> tiers = new LinkedHashMap<>();
        for (String tier : BonusProgram.TIERS) {
            tiers.put(tier, percent(required(node, "tiers", tier), "tiers." + tier));
        }
        return tiers;
    }

    private List<Rung> rungs(JsonNode parent, String parentPath, String key) {
        List<Rung> rungs = new ArrayList<>();
        List<JsonNode> items = list(parent, parentPath, key);
        for (int i = 0; i < items.size(); i++) {
            String path = child(parentPath, key) + "[" + i + "]";
            JsonNode item = items.get(i);
            mapping(item, path, RUNG_KEYS);
            BigDecimal from = nonNegative(required(item, path, "from"), path + ".from");
            if (!rungs.isEmpty()) {
                BigDecimal previous = rungs.get(rungs.size() - 1).from();
                if (from.compareTo(previous) <= 0) {
                    throw bad(path + ".from", "is " + from.toPlainString() + ", not above the previous rung's "
                            + previous.toPlainString() + "; rungs must be strictly ascending by from");
                }
            }
            rungs.add(new Rung(from, percent(required(item, path, "rate"), path + ".rate")));
        }
        return rungs;
    }

    private List<Promo> promos(JsonNode root) {
        List<Promo> promos = new ArrayList<>();
        List<JsonNode> items = list(root, "", "promos");
        for (int i = 0; i < items.size(); i++) {
            String path = "promos[" + i + "]";
            JsonNode item = items.get(i);
            mapping(item, path, PROMO_KEYS);
            String productLine = identifier(required(item, path, "product-line"), path + ".product-line");
            LocalDate from = dateInYear(required(item, path, "from"), path + ".from");
            LocalDate to = dateInYear(required(item, path, "to"), path + ".to");
            if (to.isBefore(from)) {
                throw bad(path + ".to", "is " + to + ", before the window's start " + from);
            }
            promos.add(new Promo(productLine, from, to, percent(required(item, path, "rate"), path + ".rate")));
        }
        return promos;
    }

    private CoFunding coFunding(JsonNode node) {
        mapping(node, "co-funding", CO_FUNDING_KEYS);
        BigDecimal share = percent(required(node, "co-funding", "share"), "co-funding.share");
        List<String> keyDirections = directions(node, "key-directions");
        // Absent means every direction is eligible; [] means only the key directions are.
        Optional<List<String>> eligible = node.has("eligible")
                ? Optional.of(directions(node, "eligible")) : Optional.empty();
        return new CoFunding(share, keyDirections, eligible);
    }

    private List<String> directions(JsonNode coFunding, String key) {
        List<String> directions = new ArrayList<>();
        List<JsonNode> items = list(coFunding, "co-funding", key);
        for (int i = 0; i < items.size(); i++) {
            String path = "co-funding." + key + "[" + i + "]";
            String direction = identifier(items.get(i), path);
            if (directions.contains(direction)) {
                throw bad(path, direction + " is listed twice");
            }
            directions.add(direction);
        }
        return directions;
    }

    private AnnualRebate annual(JsonNode node) {
        mapping(node, "annual", ANNUAL_KEYS);
        required(node, "annual", "attainment");
        return new AnnualRebate(rungs(node, "annual", "attainment"));
    }

    private EarlyPayment earlyPayment(JsonNode node) {
        mapping(node, "early-payment", EARLY_PAYMENT_KEYS);
        int days = days(required(node, "early-payment", "days"), "early-payment.days");
        BigDecimal rate = percent(required(node, "early-payment", "rate"), "early-payment.rate");
        return new EarlyPayment(days, rate);
    }

    private TopPerformers topPerformers(JsonNode node) {
        mapping(node, "top-performers", TOP_PERFORMERS_KEYS);
        // Any number: a negative floor lets a distributor whose turnover fell a little still rank.
        BigDecimal minGrowth = number(required(node, "top-performers", "min-growth"), "top-performers.min-growth");
        JsonNode placesNode = required(node, "top-performers", "places");
        if (!placesNode.isArray()) {
            throw bad("top-performers.places", "must be a list of rates such as [1.0, 0.5], not " + describe(placesNode));
        }
        List<JsonNode> items = list(node, "top-performers", "places");
        if (items.isEmpty()) {
            throw bad("top-performers.places", "is empty; list the rate of at least place 1");
        }
        List<BigDecimal> places = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "top-performers.places[" + i + "]";
            BigDecimal rate = percent(items.get(i), path);
            if (!places.isEmpty()) {
                BigDecimal previous = places.get(places.size() - 1);
                if (rate.compareTo(previous) > 0) {
                    throw bad(path, "is " + rate.toPlainString() + ", above the previous place's "
                            + previous.toPlainString() + "; a lower place must not earn more than a higher one");
                }
            }
            places.add(rate);
        }
        return new TopPerformers(minGrowth, places);
    }

    // ---- shapes and values -------------------------------------------------------------------------------

    /** Checks that {@code node} is a mapping using only {@code allowed} keys: catches typos like {@code atainment}. */
    private void mapping(JsonNode node, String path, List<String> allowed) {
        if (!node.isObject()) {
            throw bad(path, "must be a mapping with the keys " + String.join(", ", allowed)
                    + ", not " + describe(node));
        }
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                throw bad(child(path, key), "unknown key '" + key + "'; expected one of " + String.join(", ", allowed));
            }
        }
    }

    private JsonNode required(JsonNode mapping, String path, String key) {
        if (!mapping.has(key)) {
            throw bad(child(path, key), "is missing (required)");
        }
        return mapping.get(key);
    }

    /** An absent list means none; an empty value ({@code key:} and nothing else) is refused as ambiguous. */
    private List<JsonNode> list(JsonNode mapping, String parent, String key) {
        JsonNode node = mapping.get(key);
        if (node == null) {
            return List.of();
        }
        String path = child(parent, key);
        if (!node.isArray()) {
            throw bad(path, "must be a list (write [] for none), not " + describe(node));
        }
        List<JsonNode> items = new ArrayList<>();
        node.values().forEach(items::add);
        return items;
    }

    /** An optional section: absent is empty; present but empty ({@code annual:} and nothing else) is checked as given. */
    private static Optional<JsonNode> optional(JsonNode mapping, String key) {
        return Optional.ofNullable(mapping.get(key));
    }

    private int days(JsonNode node, String path) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw bad(path, "must be a whole number of days such as 10, not " + describe(node));
        }
        if (node.intValue() < 0) {
            throw bad(path, "is " + node.intValue() + "; must be 0 or more");
        }
        return node.intValue();
    }

    private BigDecimal percent(JsonNode node, String path) {
        BigDecimal value = number(node, path);
        if (value.signum() < 0 || value.compareTo(HUNDRED) > 0) {
            throw bad(path, "is " + value.toPlainString() + "; must be a percentage from 0 to 100");
        }
        return value;
    }

    /** Rung thresholds may exceed 100 (120 % of target, growth of 150 %) but a negative one makes no sense. */
    private BigDecimal nonNegative(JsonNode node, String path) {
        BigDecimal value = number(node, path);
        if (value.signum() < 0) {
            throw bad(path, "is " + value.toPlainString() + "; must be 0 or more");
        }
        return value;
    }

    private BigDecimal number(JsonNode node, String path) {
        if (!node.isNumber()) {
            throw bad(path, "must be a number, not " + describe(node));
        }
        return node.decimalValue();
    }

    private int wholeNumber(JsonNode node, String path) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw bad(path, "must be a whole number such as " + year + ", not " + describe(node));
        }
        return node.intValue();
    }

    private String nonBlankText(JsonNode node, String path) {
        if (!node.isString() || node.stringValue().isBlank()) {
            throw bad(path, "must be a non-empty text such as MB-" + year + ", not " + describe(node));
        }
        return node.stringValue().strip();
    }

    private String identifier(JsonNode node, String path) {
        if (!node.isString() || !IDENTIFIER.matcher(node.stringValue()).matches()) {
            throw bad(path, "must be an upper-case code such as PRINTERS or TRADE_SHOWS (A-Z, 0-9, _), not "
                    + describe(node));
        }
        return node.stringValue();
    }

    private LocalDate dateInYear(JsonNode node, String path) {
        LocalDate date;
        try {
            date = LocalDate.parse(node.isString() ? node.stringValue() : "");
        } catch (DateTimeParseException e) {
            throw bad(path, "must be a date like " + year + "-03-01, not " + describe(node));
        }
        if (date.getYear() != year) {
            throw bad(path, "is " + date + ", outside the programme year " + year);
        }
        return date;
    }

    // ---- messages ----------------------------------------------------------------------------------------

    private static String describe(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "empty";
        }
        if (node.isString()) {
            return "'" + node.stringValue() + "'";
        }
        if (node.isNumber()) {
            return node.decimalValue().toPlainString();
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isObject() ? "a mapping" : node.toString();
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private BadInputException bad(String path, String problem) {
        return new BadInputException(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    private BadInputException bad(String problem) {
        return bad("", problem);
    }
}
