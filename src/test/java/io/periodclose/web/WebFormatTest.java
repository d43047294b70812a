package io.periodclose.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Durations on the admin pages, with the words of the interface's own bundles in each language. */
class WebFormatTest {

    private final WebFormat format = new WebFormat(new Words(bundles()));

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void durationsInEnglish() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(format.duration(Duration.ofMillis(4_250))).isEqualTo("4.2 s");
        assertThat(format.duration(Duration.ofSeconds(125))).isEqualTo("2 min 05 s");
        assertThat(format.duration(Duration.ofSeconds(2 * 3600 + 7 * 60 + 59))).isEqualTo("2 h 07 min");
        assertThat(format.duration(Duration.ofHours(1234))).isEqualTo("1234 h 00 min");
    }

    @Test
    void durationsInRussian() {
        LocaleContextHolder.setLocale(Locale.forLanguageTag("ru"));
        assertThat(format.duration(Duration.ofMillis(4_250))).isEqualTo("4,2 с");
        assertThat(format.duration(Duration.ofSeconds(125))).isEqualTo("2 мин 05 с");
        assertThat(format.duration(Duration.ofSeconds(2 * 3600 + 7 * 60 + 59))).isEqualTo("2 ч 07 мин");
    }

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
