package io.periodclose.statement;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The font the templates print in, Statement Sans (DejaVu Sans cut to the scripts kept), to ask which characters it has. */
final class StatementFont {

    private static final String RESOURCE = "/fonts/statement/StatementSans.ttf";

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
                    throw new IllegalStateException(RESOURCE + " is missing from the class path");
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
