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
import java.util.regex.Pattern;

/**
 * Turns the YAML tree of one programme file into a {@link BonusProgram}, refusing anything doubtful. Every
 * message reads {@code <file>: <key>: <problem>}, keys written as paths with 0-based list indexes
 * ({@code attainment[1].from} is the second rung).
 */
final class ProgramParser {

    private static final List<String> ROOT_KEYS =
            List.of("program", "year", "tiers", "attainment", "growth", "promos", "cap", "co-funding");
    private static final List<String> RUNG_KEYS = List.of("from", "rate");
    private static final List<String> PROMO_KEYS = List.of("product-line", "from", "to", "rate");
    private static final List<String> CO_FUNDING_KEYS = List.of("share", "key-directions");
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
        List<Rung> attainment = rungs(root, "attainment");
        List<Rung> growth = rungs(root, "growth");
        List<Promo> promos = promos(root);
        BigDecimal cap = percent(required(root, "", "cap"), "cap");
        CoFunding coFunding = coFunding(required(root, "", "co-funding"));
        return new BonusProgram(id, fileYear, tiers, attainment, growth, promos, cap, coFunding);
    }

    private Map<String, BigDecimal> tiers(JsonNode node) {
        mapping(node, "tiers", BonusProgram.TIERS);
        Map<String, BigDecimal> tiers = new LinkedHashMap<>();
        for (String tier : BonusProgram.TIERS) {
            tiers.put(tier, percent(required(node, "tiers", tier), "tiers." + tier));
        }
        return tiers;
    }

    private List<Rung> rungs(JsonNode root, String key) {
        List<Rung> rungs = new ArrayList<>();
        List<JsonNode> items = list(root, "", key);
        for (int i = 0; i < items.size(); i++) {
            String path = key + "[" + i + "]";
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
        List<String> keyDirections = new ArrayList<>();
        List<JsonNode> items = list(node, "co-funding", "key-directions");
        for (int i = 0; i < items.size(); i++) {
            String path = "co-funding.key-directions[" + i + "]";
            String direction = identifier(items.get(i), path);
            if (keyDirections.contains(direction)) {
                throw bad(path, direction + " is listed twice");
            }
            keyDirections.add(direction);
        }
        return new CoFunding(share, keyDirections);
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
