package io.periodclose.importing;

import io.periodclose.BadInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;

/**
 * An input file as SPEC §2 describes it: UTF-8 CSV, RFC 4180 quoting, a header row. Checks that a file is one
 * before anything is imported, so that a binary or header-less file fails whole and imports nothing.
 */
public final class CsvInputFile {

    /** RFC 4180, but forgiving about stray text after a closing quote: such a row is rejected, not the file. */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setTrailingData(true)
            .setLenientEof(true)
            .get();

    private static final int SNIFF_BYTES = 64 * 1024;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvInputFile() {
    }

    /** Fails with a {@link BadInputException} unless the file is UTF-8 CSV text with the kind's columns. */
    public static CsvHeader inspect(Path file, ImportKind kind) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such file");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read: " + e.getMessage(), e);
        }
        if (head.length == 0) {
            throw new BadInputException(file + ": is empty; expected a header row " + String.join(",", kind.columns()));
        }
        for (byte b : head) {
            if (b == 0) {
                throw new BadInputException(file + ": is not a CSV text file (it contains binary data)");
            }
        }
        if (!isUtf8(head)) {
            throw new BadInputException(file + ": is not UTF-8 text; save it as UTF-8 CSV");
        }
        try (Reader reader = open(file); CSVParser parser = FORMAT.parse(reader)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new BadInputException(file + ": has no header row");
            }
            return CsvHeader.of(records.next().toList(), kind, file.toString());
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new BadInputException(file + ": is not a readable CSV file: " + e.getMessage(), e);
        }
    }

    /** A reader over the file's text without its byte-order mark; undecodable bytes become U+FFFD. */
    static Reader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20);
        in.mark(3);
        byte[] start = in.readNBytes(3);
        if (!Arrays.equals(start, UTF8_BOM)) {
            in.reset();
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    public static String sha256(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isUtf8(byte[] head) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // The sniffed block may end in the middle of a multi-byte character; only judge complete ones.
        int length = head.length;
        if (length == SNIFF_BYTES) {
            int back = 0;
            while (back < 3 && back < length && (head[length - 1 - back] & 0xC0) == 0x80) {
                back++;
            }
            if (back < length && (head[length - 1 - back] & 0xC0) == 0xC0) {
                length = length - 1 - back;
            }
        }
        try {
            decoder.decode(ByteBuffer.wrap(head, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
