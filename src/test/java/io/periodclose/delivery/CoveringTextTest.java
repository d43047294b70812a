package io.periodclose.delivery;

import io.periodclose.delivery.StatementToSend.Kind;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The covering text, worded by hand: quarters and years, each kind, both languages whatever the machine's locale. */
class CoveringTextTest {

    private static final String SHA = "ab".repeat(32);

    @Test
    void aYearsStatementAndACorrectionInBothLanguages() {
        StatementToSend annual = new StatementToSend("2026", "D7", "ООО «Вектор»", "d7@example.com", 0, "D7.pdf",
                SHA, Kind.STATEMENT);
        assertThat(CoveringText.of("ru").subject(annual))
                .isEqualTo("Выписка по бонусной программе за 2026 год: ООО «Вектор»");
        assertThat(CoveringText.of("en").subject(annual))
                .isEqualTo("Bonus programme statement for the year 2026: ООО «Вектор»");

        StatementToSend correction = new StatementToSend("2026-Q4", "D7", "ООО «Вектор»", "d7@example.com", 2,
                "D7.r2.pdf", SHA, Kind.CORRECTION);
        assertThat(CoveringText.of("en").text(correction, "finance@example.com")).isEqualTo("""
                Hello,

                Please find attached a corrected statement of ООО «Вектор» (code D7) under the bonus programme for \
                Q4 2026. The period was closed again and its figures changed: this statement replaces the one we \
                sent you before.

                File D7.r2.pdf, SHA-256 %s.

                This message was sent automatically. For any question please write to finance@example.com.
                """.formatted(SHA));
        assertThat(CoveringText.of("ru").subject(correction))
                .isEqualTo("Исправленная выписка по бонусной программе за 4 кв. 2026: ООО «Вектор»");
    }

    @Test
    void withAPublicUrlTheTextPointsToTheDistributorPortal() {
        StatementToSend q1 = new StatementToSend("2026-Q1", "D7", "ООО «Вектор»", "d7@example.com", 0, "D7.pdf",
                SHA, Kind.STATEMENT);
        String portal = new DeliveryProperties("finance@example.com", null, "https://bonus.example.com/").portal();
        assertThat(portal).isEqualTo("https://bonus.example.com/portal");
        assertThat(CoveringText.of("ru").withPortal(portal).text(q1, "finance@example.com")).isEqualTo("""
                Здравствуйте!

                Во вложении — выписка ООО «Вектор» (код D7) по бонусной программе за 1 кв. 2026.

                Файл D7.pdf, SHA-256 %s.

                Бонусный фонд, все выписки и прогресс текущего квартала — в личном кабинете дистрибьютора: \
                https://bonus.example.com/portal

                Это письмо отправлено автоматически. С вопросами обращайтесь по адресу finance@example.com.
                """.formatted(SHA));
        assertThat(new DeliveryProperties("finance@example.com", null, " ").portal()).isNull();
    }

    @Test
    void englishStaysEnglishOnARussianMachine() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("ru-RU"));
            assertThat(CoveringText.of("en").period("2026-Q1")).isEqualTo("Q1 2026");
            assertThat(CoveringText.of("ru").period("2026-Q1")).isEqualTo("1 кв. 2026");
        } finally {
            Locale.setDefault(before);
        }
    }
}
