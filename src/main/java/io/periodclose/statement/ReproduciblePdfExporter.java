package io.periodclose.statement;

import com.lowagie.text.Font;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfDate;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfEncryption;
import com.lowagie.text.pdf.PdfName;
import net.sf.jasperreports.engine.DefaultJasperReportsContext;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;
import net.sf.jasperreports.pdf.classic.ClassicPdfProducer;
import net.sf.jasperreports.pdf.common.PdfDocumentWriter;
import net.sf.jasperreports.pdf.common.PdfProducer;
import net.sf.jasperreports.pdf.type.PdfaConformanceEnum;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.AttributedCharacterIterator;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.zip.Deflater;

/**
 * A PDF exporter whose output depends on the report and nothing else, so that the same books rendered on the same
 * issue date give byte-identical files and a checksum proves a copy is the original. JasperReports 7.0.6 has no
 * exporter property for any of the three things OpenPDF would otherwise vary per run:
 * <ul>
 *   <li>the creation date, "now": here the issue date at midnight UTC, also as the modification date and as the
 *       PDF/A XMP metadata's {@code xmp:CreateDate};</li>
 *   <li>the trailer's {@code /ID}, hashed from the clock and free memory: here the first 16 bytes of the SHA-256
 *       of the document id, handed over the only way OpenPDF takes one, a {@code /FileID} entry of the info
 *       dictionary;</li>
 *   <li>the six-letter tag of each embedded font subset ({@code ABCDEF+DejaVuSans}), drawn from a fresh
 *       {@code SecureRandom} per document: here always {@code AAAAAA}. The tag only has to tell apart subsets of the
 *       same font within one document, and a document holds one subset per font.</li>
 * </ul>
 * <p>It also leaves out the CIDSet of the embedded fonts: optional in PDF/A-2, and OpenPDF's lists only the CIDs
 * used, where veraPDF requires every CID of the subset (rule 6.2.11.4.2-2). One exporter per document, as with
 * {@link JRPdfExporter}.
 */
public class ReproduciblePdfExporter extends JRPdfExporter {

    /** nextDouble() is all OpenPDF draws the subset tag with; 0 gives the letter A. Stateless, so shareable. */
    private static final SecureRandom FIXED_SUBSET_TAG = new SecureRandom() {
        @Override
        public double nextDouble() {
            return 0;
        }
    };

    private final String documentId;
    private final LocalDate issueDate;

    /**
     * @param documentId what the trailer id is derived from: unique per document (e.g. {@code QS-2026-Q3-D0042})
     * @param issueDate  the document's creation and modification date, at midnight UTC
     */
    public ReproduciblePdfExporter(String documentId, LocalDate issueDate) {
        super(DefaultJasperReportsContext.getInstance());
        this.documentId = documentId;
        this.issueDate = issueDate;
    }

    @Override
    protected PdfProducer createPdfProducer() {
        return new ClassicPdfProducer(createPdfProducerContext()) {
            @Override
            public Font getFont(Map<AttributedCharacterIterator.Attribute, Object> attributes, Locale locale) {
                Font font = super.getFont(attributes, locale);
                BaseFont base = font.getBaseFont();
                if (base != null) {
                    // the fonts are cached and shared between documents and threads: every one gets the same value
                    base.setSecureRandom(FIXED_SUBSET_TAG);
                    // optional in PDF/A-2, and OpenPDF's lists only the CIDs used where veraPDF wants every one the
                    // subset holds (rule 6.2.11.4.2-2): none at all is the conforming choice
                    base.setIncludeCidSet(false);
                    base.setCompressionLevel(Deflater.BEST_SPEED);
                }
                return font;
            }

            /** Dated before JasperReports writes the PDF/A XMP metadata, which copies the info's creation date. */
            @Override
            public PdfDocumentWriter createWriter(OutputStream out) throws JRException {
                PdfDocumentWriter writer = super.createWriter(out);
                fixIdentity(getPdfWriter().getInfo());
                return writer;
            }

            @Override
            public void close() {
                fixIdentity(getPdfWriter().getInfo());
                super.close();
            }
        };
    }

    private void fixIdentity(PdfDictionary info) {
        Calendar midnight = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC), Locale.ROOT);
        midnight.clear();
        midnight.set(issueDate.getYear(), issueDate.getMonthValue() - 1, issueDate.getDayOfMonth());
        info.put(PdfName.CREATIONDATE, new PdfDate(midnight));
        info.put(PdfName.MODDATE, new PdfDate(midnight));
        byte[] id = fileId(documentId);
        info.put(PdfName.FILEID, PdfEncryption.createInfoId(id, id));
    }

    /**
     * PDF/A-2b, the archival format: JasperReports writes the XMP metadata and the output intent; its ICC profile is
     * the JDK's own sRGB, written once per process to a temporary file, since the exporter takes a path. The fonts
     * are embedded already (DejaVu) and carry no CIDSet (see {@link #createPdfProducer}).
     */
    public static void archival(SimplePdfExporterConfiguration configuration) {
        configuration.setPdfaConformance(PdfaConformanceEnum.PDFA_2B);
        configuration.setIccProfilePath(Srgb.PATH);
    }

    private static final class Srgb {
        static final String PATH = write();

        private static String write() {
            try {
                Path file = Files.createTempFile("period-close-srgb", ".icc");
                file.toFile().deleteOnExit();
                Files.write(file, ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
                return file.toAbsolutePath().toString();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the sRGB profile for PDF/A", e);
            }
        }
    }

    /** The trailer id's 16 bytes: the start of the document id's SHA-256. */
    static byte[] fileId(String documentId) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(documentId.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(sha, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
