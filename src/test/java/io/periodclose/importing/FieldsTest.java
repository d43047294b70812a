package io.periodclose.importing;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldsTest {

    private static final CsvHeader HEADER = CsvHeader.of(List.of("code", "name", "tier", "currency", "email", "region"),
            ImportKind.DISTRIBUTORS, "test");

    @Test
    void amountsAreExactlyWhatBigDecimalMakesOfTheText() throws RowRejected {
        for (String text : List.of("0", "0.00", "7", "0012.50", "1234.50", "0.0001", "99999999999999.99",
                "1234567890123456", "12345678901.123456", "1234567890123456.12345678", " 42.10 ")) {
            assertThat(Fields.amount(row(text), "name")).as(text).isEqualTo(new BigDecimal(text.strip()));
        }
    }

    @Test
    void amountsKeepTheirRules() {
        assertThatThrownBy(() -> Fields.amount(row("12345678901234567.5"), "name"))
                .hasMessage("number too large in name: 12345678901234567.5");
        assertThatThrownBy(() -> Fields.amount(row("-1.5"), "name")).hasMessage("negative amount in name: -1.5");
        assertThatThrownBy(() -> Fields.amount(row("1.5."), "name")).hasMessage("bad number in name: '1.5.'");
        assertThatThrownBy(() -> Fields.amount(row("١٢"), "name")).hasMessage("bad number in name: '١٢'");
    }

    @Test
    void moneyMayCarryTrailingZerosBeyondTheMinorUnitButNoMore() throws RowRejected {
        assertThat(Fields.money(row("1500.000"), "name", "JPY")).isEqualTo(new BigDecimal("1500.000"));
        assertThat(Fields.money(row("0.000"), "name", "JPY")).isEqualTo(new BigDecimal("0.000"));
        assertThat(Fields.money(row("12.3400"), "name", "RUB")).isEqualTo(new BigDecimal("12.3400"));
        assertThatThrownBy(() -> Fields.money(row("12.345"), "name", "RUB"))
                .hasMessage("name 12.345 has more decimals than RUB allows (2)");
        assertThatThrownBy(() -> Fields.money(row("1500.5"), "name", "JPY"))
                .hasMessage("name 1500.5 has more decimals than JPY allows (0)");
        assertThatThrownBy(() -> Fields.money(row("1234567890123456.123456780"), "name", "RUB"))
                .hasMessage("name 1234567890123456.123456780 has more decimals than RUB allows (2)");
    }

    @Test
    void codesRefuseSpacesAndControlCharactersAnywhere() throws RowRejected {
        assertThat(Fields.code(row("INV-2026/001_ü"), "name")).isEqualTo("INV-2026/001_ü");
        assertThatThrownBy(() -> Fields.code(row("INV 1"), "name")).hasMessage("name must not contain spaces: 'INV 1'");
        assertThatThrownBy(() -> Fields.code(row("INV\u007f1"), "name")).hasMessageContaining("must not contain spaces");
        assertThatThrownBy(() -> Fields.code(row("INV\u20031"), "name")).hasMessageContaining("must not contain spaces");
    }

    @Test
    void wholeNumbersAndEnumNames() throws RowRejected {
        assertThat(Fields.positiveInt(row("42"), "name")).isEqualTo(42);
        assertThatThrownBy(() -> Fields.positiveInt(row("0"), "name")).hasMessage("name must be positive: 0");
        assertThatThrownBy(() -> Fields.positiveInt(row("4x"), "name"))
                .hasMessage("bad number in name: '4x' (a whole number is expected)");
        assertThat(Fields.oneOf(row("GOLD"), "name", RowParsers.Tier.class)).isEqualTo(RowParsers.Tier.GOLD);
        assertThatThrownBy(() -> Fields.oneOf(row("gold"), "name", RowParsers.Tier.class))
                .hasMessage("unknown name 'gold' (expected one of BRONZE, SILVER, GOLD, PLATINUM)");
    }

    @Test
    void textIsStrippedOfWhatStripRemovesAndNothingElse() throws RowRejected {
        for (String text : List.of("a", " a ", "\ta\t", "\u2003a\u2003", "a\u001F", "\u00A0a\u00A0", "\u200Ba",
                "\uD834\uDD1E", "\uD834", "a \u3000", "é", " é")) {
            assertThat(Fields.text(text, "name")).as(text).isEqualTo(text.strip());
        }
        for (String blank : List.of("", " ", "\t\u2003\u3000", "\u001F")) {
            assertThatThrownBy(() -> Fields.text(blank, "name")).hasMessage("missing value in name");
        }
        assertThatThrownBy(() -> Fields.text((String) null, "name")).hasMessage("missing value in name");
    }

    private static CsvRow row(String name) {
        return new CsvRow(2, new String[]{"D1", name, "GOLD", "RUB", "a@b.c", "R"}, HEADER);
    }
}
