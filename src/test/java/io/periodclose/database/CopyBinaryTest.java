package io.periodclose.database;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CopyBinary#numeric}: the server's binary numeric, here built independently from the number's plain text;
 * and a field written through {@link CopyBinary#stream()}.
 */
class CopyBinaryTest {

    @Test
    void numericsOfEverySizeSignAndScale() throws IOException {
        for (String text : List.of("0", "0.00", "-0.0", "1", "-1", "7.5", "0.0001", "0.00001", "-0.00001", "10000",
                "12345678.9", "1234.50", "99999999999999.99", "9999999999999999.9999", "1234567890123456.12345678",
                "-1234567890123456789012.5", "100000000000000000000", "1E+3", "-5E+7", "0.000000000000000000001")) {
            BigDecimal value = new BigDecimal(text);
            assertThat(numeric(value)).as(text).isEqualTo(reference(value));
        }
    }

    @Property(tries = 2000)
    void numericsAsTheServerWouldParseTheirText(@ForAll long unscaled, @ForAll @IntRange(min = -3, max = 24) int scale,
                                               @ForAll @IntRange(min = 0, max = 3) int widen) throws IOException {
        BigDecimal value = new BigDecimal(BigInteger.valueOf(unscaled).multiply(BigInteger.TEN.pow(widen * 7)), scale);
        assertThat(numeric(value)).as(value.toPlainString()).isEqualTo(reference(value));
    }

    @Test
    void aFieldWrittenThroughTheStreamIsPrefixedWithItsLengthInBytes() throws IOException {
        CopyBinary rows = new CopyBinary(2); // smaller than what follows: the buffer grows while the field is open
        rows.text("a");
        int start = rows.beginField();
        rows.stream().write('{');
        byte[] cyrillic = "\"Принтеры\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        rows.stream().write(cyrillic, 0, cyrillic.length);
        rows.endField(start);
        rows.text("b");

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        out.writeInt(1);
        out.write('a');
        out.writeInt(1 + cyrillic.length);
        out.write('{');
        out.write(cyrillic);
        out.writeInt(1);
        out.write('b');
        assertThat(rows.take()).isEqualTo(expected.toByteArray());
    }

    private static byte[] numeric(BigDecimal value) {
        return new CopyBinary(4).numeric(value).take();
    }

    /** Base-10000 groups aligned on the decimal point of the plain text, without leading or trailing zero groups. */
    private static byte[] reference(BigDecimal value) throws IOException {
        int scale = Math.max(0, value.scale());
        String plain = value.abs().setScale(scale).toPlainString();
        int point = plain.indexOf('.');
        String whole = point < 0 ? plain : plain.substring(0, point);
        String fraction = point < 0 ? "" : plain.substring(point + 1);
        whole = "0".repeat((4 - whole.length() % 4) % 4) + whole;
        fraction = fraction + "0".repeat((4 - fraction.length() % 4) % 4);
        List<Integer> groups = new ArrayList<>();
        String digits = whole + fraction;
        for (int i = 0; i < digits.length(); i += 4) {
            groups.add(Integer.parseInt(digits.substring(i, i + 4)));
        }
        int weight = whole.length() / 4 - 1;
        while (!groups.isEmpty() && groups.get(0) == 0) {
            groups.remove(0);
            weight--;
        }
        while (!groups.isEmpty() && groups.get(groups.size() - 1) == 0) {
            groups.remove(groups.size() - 1);
        }
        if (groups.isEmpty()) {
            weight = 0;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(8 + 2 * groups.size());
        out.writeShort(groups.size());
        out.writeShort(weight);
        out.writeShort(value.signum() < 0 ? 0x4000 : 0);
        out.writeShort(scale);
        for (int group : groups) {
            out.writeShort(group);
        }
        return bytes.toByteArray();
    }
}
