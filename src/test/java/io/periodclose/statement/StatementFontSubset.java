package io.periodclose.statement;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the statement fonts ({@code src/main/resources/fonts/statement}): DejaVu Sans cut down to the scripts a
 * statement prints, with the glyphs renumbered. The full DejaVu Sans has 6,253 glyphs, and OpenPDF copies the
 * glyph-indexed tables of the font it embeds ({@code loca}, {@code hmtx}) whole into every subset: 50 of the 65 KB of
 * each embedded font, written and deflated once per statement. Cut to about 1,900 glyphs, they shrink with it.
 *
 * <p>Kept: Latin (basic, Latin-1, Extended-A, -B and Additional, so Vietnamese too), spacing modifiers and combining
 * diacritics, Greek, Cyrillic with its supplement (Kazakh, Tatar, Bashkir...), Armenian, Georgian, general
 * punctuation, currency signs (₽, ₸, €...), letterlike symbols (№) and a few arrows, operators (−, ×, ±, ≤, ≥) and
 * shapes.
 * A name with a character outside them is refused as before ({@link StatementRenderer}), now by the same check
 * against the cut font. Run again after changing {@link #BLOCKS}:
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.periodclose.statement.StatementFontSubset}
 * or from an IDE; {@code StatementFontSubsetTest} fails while the committed files differ from what this writes.
 */
public final class StatementFontSubset {

    static final Path TARGET = Path.of("src/main/resources/fonts/statement");

    /** The characters kept, as inclusive ranges: whole blocks for the scripts, a few signs of the symbol blocks. */
    static final int[][] BLOCKS = {
            {0x0020, 0x007E}, {0x00A0, 0x024F}, {0x02B0, 0x036F}, {0x0370, 0x03FF}, {0x0400, 0x052F},
            {0x0530, 0x058F}, {0x10A0, 0x10FF}, {0x1E00, 0x1EFF}, {0x2000, 0x206F}, {0x20A0, 0x20CF},
            {0x2100, 0x214F}, {0x2190, 0x2193}, {0x2212, 0x2213}, {0x2215, 0x2215}, {0x2219, 0x221A},
            {0x221E, 0x221E}, {0x2248, 0x2248}, {0x2260, 0x2260}, {0x2264, 0x2265}, {0x25A0, 0x25A1},
            {0x25B2, 0x25B3}, {0x25BC, 0x25BD}, {0x25CB, 0x25CB}, {0x25CF, 0x25CF}, {0xFFFD, 0xFFFD}};

    /**
     * The tables written. Not the layout tables (GSUB, GPOS, kern, GDEF, MATH): the subsetter renumbers the glyphs but
     * would copy those verbatim, still naming the old numbers. Neither JasperReports nor OpenPDF kern or shape Latin
     * or Cyrillic text with them.
     */
    static final List<String> TABLES = List.of("head", "hhea", "maxp", "OS/2", "name", "cmap", "post", "loca",
            "glyf", "hmtx", "cvt ", "fpgm", "prep", "gasp");

    /** Source in the JasperReports font extension → file written. */
    static final Map<String, String> FONTS = new LinkedHashMap<>();

    static {
        String dejavu = "/net/sf/jasperreports/fonts/dejavu/";
        FONTS.put(dejavu + "DejaVuSans.ttf", "StatementSans.ttf");
        FONTS.put(dejavu + "DejaVuSans-Bold.ttf", "StatementSans-Bold.ttf");
        FONTS.put(dejavu + "DejaVuSans-Oblique.ttf", "StatementSans-Oblique.ttf");
        FONTS.put(dejavu + "DejaVuSans-BoldOblique.ttf", "StatementSans-BoldOblique.ttf");
    }

    private StatementFontSubset() {
    }

    public static void main(String[] args) throws IOException {
        Path target = args.length > 0 ? Path.of(args[0]) : TARGET;
        Files.createDirectories(target);
        for (Map.Entry<String, String> font : FONTS.entrySet()) {
            byte[] subset = subset(font.getKey());
            Files.write(target.resolve(font.getValue()), subset);
            System.out.printf("%s: %,d bytes%n", target.resolve(font.getValue()), subset.length);
        }
    }

    static Set<Integer> codePoints() {
        Set<Integer> all = new TreeSet<>();
        for (int[] block : BLOCKS) {
            for (int c = block[0]; c <= block[1]; c++) {
                all.add(c);
            }
        }
        return all;
    }

    /** The source font cut to {@link #BLOCKS}, as TrueType bytes. */
    static byte[] subset(String resource) {
        try (InputStream in = StatementFontSubset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing: is jasperreports-fonts on the class path?");
            }
            TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(in));
            try (font) {
                TTFSubsetter subsetter = new TTFSubsetter(font, TABLES);
                subsetter.addAll(codePoints());
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                subsetter.writeToStream(out);
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }
}
