package io.periodclose.web;

import io.periodclose.approval.Approval;
import io.periodclose.schedule.ScheduleJob;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin interface's words come from {@code i18n/messages*.properties} only: both languages have the same keys,
 * every key the templates and the controllers name is in them, and no template writes English outside a
 * {@code th:text} (whose text Thymeleaf replaces; the English there is only the template's preview).
 */
class AdminMessagesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path WEB = Path.of("src/main/java/io/periodclose/web");
    private static final Pattern KEY_IN_TEMPLATE = Pattern.compile("#\\{([A-Za-z0-9_.-]+)");
    private static final Pattern KEY_IN_JAVA = Pattern.compile("words\\.get\\(\"([A-Za-z0-9_.-]+)\"[,)]");
    /** Machine words a page shows as they are, in either language. */
    private static final Set<String> AS_THEY_ARE = Set.of("period-close", "API", "RU", "EN", "SHA-256", "sha256",
            "manifest.csv", "programme-report.pdf", "Cron", "AWAITING_APPROVAL", "CSV");

    @Test
    void bothLanguagesHaveTheSameKeysAndEveryKeyUsedIsThere() throws IOException {
        Properties english = AdminLanguageTest.bundle("i18n/messages.properties");
        Properties russian = AdminLanguageTest.bundle("i18n/messages_ru.properties");
        assertThat(new TreeSet<>(russian.stringPropertyNames()))
                .isEqualTo(new TreeSet<>(english.stringPropertyNames()));

        Set<String> used = new TreeSet<>();
        for (Path template : adminTemplates()) {
            collect(KEY_IN_TEMPLATE, Files.readString(template), used);
        }
        try (Stream<Path> sources = Files.list(WEB)) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                collect(KEY_IN_JAVA, Files.readString(source), used);
            }
        }
        // the keys made of a prefix and a value
        for (String kind : List.of("close", "re-close", "year-end")) {
            used.add("approval.kind." + kind);
            used.add("approval.what." + kind);
        }
        for (Approval.Status status : Approval.Status.values()) {
            used.add("approval.status." + status);
            used.add("approval.describe." + status);
        }
        for (String action : List.of("restart", "stop", "abandon")) {
            used.addAll(List.of("confirm." + action, "confirm." + action + ".question",
                    "confirm." + action + ".explanation", "flash.execution." + action));
        }
        for (String decision : List.of("approve", "reject")) {
            used.addAll(List.of("approvals.confirm." + decision, "approvals.confirm." + decision + ".question"));
        }
        for (String action : List.of("pause", "resume", "trigger")) {
            used.add("flash.schedule." + action);
        }
        for (ScheduleJob job : ScheduleJob.values()) {
            used.add("schedules.job." + job.name());
        }
        used.addAll(List.of("simulation.ladder.attainment", "simulation.ladder.growth", "approvals.against.previous",
                "approvals.against.lastClose", "approvals.against.annual", "chart.fund.title", "chart.accrued",
                "chart.spent", "chart.expired", "chart.max", "chart.rungs.title", "chart.distributors", "signIn.tooMany"));
        used.removeIf(key -> key.endsWith("."));
        assertThat(english.stringPropertyNames()).as("every key used is in the bundles").containsAll(used);
    }

    @Test
    void aMessageWithArgumentsWritesItsApostrophesTwice() throws IOException {
        for (String name : List.of("i18n/messages.properties", "i18n/messages_ru.properties")) {
            Properties bundle = AdminLanguageTest.bundle(name);
            for (String key : bundle.stringPropertyNames()) {
                String value = bundle.getProperty(key);
                if (value.matches("(?s).*\\{\\d.*")) {
                    assertThat(value.replace("''", "")).as(name + " " + key).doesNotContain("'");
                }
            }
        }
    }

    @Test
    void noTemplateWritesEnglishOutsideAMessage() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path template : adminTemplates()) {
            found.addAll(hardCoded(template.getFileName().toString(), Files.readString(template)));
        }
        assertThat(found).isEmpty();
    }

    /** Text with a word of Latin letters in an element whose content no th:text, th:utext or th:replace replaces. */
    private static List<String> hardCoded(String name, String html) {
        List<String> found = new ArrayList<>();
        Matcher token = Pattern.compile("(?s)<!--.*?-->|<!DOCTYPE[^>]*>|<(/?)([a-zA-Z:]+)((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>|([^<]+)")
                .matcher(html);
        Deque<Boolean> replaced = new ArrayDeque<>();
        while (token.find()) {
            if (token.group(5) != null) {
                String text = token.group(5).strip();
                boolean inMessage = replaced.stream().anyMatch(b -> b);
                if (!inMessage && !text.isEmpty() && !AS_THEY_ARE.contains(text)) {
                    for (String word : text.split("[\\s(),.:;·|…?—]+")) {
                        if (word.matches(".*[A-Za-z]{2,}.*") && !AS_THEY_ARE.contains(word)) {
                            found.add(name + ": " + text);
                            break;
                        }
                    }
                }
            } else if (token.group(2) != null) {
                String tag = token.group(2).toLowerCase();
                boolean isVoid = Set.of("meta", "link", "input", "br", "img").contains(tag)
                        || !token.group(4).isEmpty();
                if (token.group(1).equals("/")) {
                    if (!replaced.isEmpty()) {
                        replaced.pop();
                    }
                } else if (!isVoid) {
                    String attributes = token.group(3);
                    replaced.push(tag.equals("code") || tag.equals("pre")
                            || attributes.matches("(?s).*\\b(th:(text|utext|replace|insert|remove)|sec:authentication)=.*"));
                }
            }
        }
        return found;
    }

    private static void collect(Pattern pattern, String text, Set<String> keys) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
    }

    private static List<Path> adminTemplates() throws IOException {
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            return files.filter(p -> p.toString().endsWith(".html"))
                    .filter(p -> !p.getFileName().toString().startsWith("portal-")).sorted().toList();
        }
    }
}
