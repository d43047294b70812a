package io.periodclose.statement;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A rendered PDF as the tests read it: the text of each page and the fonts it uses. */
public record Pdf(List<String> pages, Map<String, Boolean> fontsEmbedded) {

    public static Pdf read(byte[] bytes) {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            List<String> pages = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper();
            for (int i = 1; i <= document.getNumberOfPages(); i++) {
                stripper.setStartPage(i);
                stripper.setEndPage(i);
                pages.add(normalize(stripper.getText(document)));
            }
            Map<String, Boolean> fonts = new LinkedHashMap<>();
            for (PDPage page : document.getPages()) {
                PDResources resources = page.getResources();
                for (COSName name : resources.getFontNames()) {
                    PDFont font = resources.getFont(name);
                    fonts.put(font.getName(), font.isEmbedded());
                }
            }
            return new Pdf(pages, fonts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No-break spaces (Russian digit grouping) read as plain spaces, so assertions can be written naturally. */
    private static String normalize(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    String text() {
        return String.join("\n", pages);
    }

    /** The text with wrapped lines joined: a break after a hyphen disappears, any other becomes one space. */
    public String flat() {
        return text().replaceAll("-\\s*\\n", "-").replaceAll("\\s+", " ");
    }
}
