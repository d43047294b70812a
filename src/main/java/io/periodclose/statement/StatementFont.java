package io.periodclose.statement;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The font the templates print in, DejaVu Sans from the JasperReports font extension, to ask which characters it has. */
final class StatementFont {

    private static final String RESOURCE = "/net/sf/jasperreports/fonts/dejavu/DejaVuSans.ttf";

    private StatementFont() {
    }

    static Font get() {
        return Holder.FONT;
    }

    private static final class Holder {
        static final Font FONT = load();

        private static Font load() {
            try (InputStream in = StatementFont.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing: is jasperreports-fonts on the class path?");
                }
                return Font.createFont(Font.TRUETYPE_FONT, in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (FontFormatException e) {
                throw new IllegalStateException(RESOURCE + " is not a TrueType font", e);
            }
        }
    }
}
