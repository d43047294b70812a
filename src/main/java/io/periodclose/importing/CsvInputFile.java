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
import java.util.List;

/**
 * An input file as SPEC §2 describes it: UTF-8 CSV, RFC 4180 quoting, a header row. Checks that a file is one
 * before anything is imported, so that a binary or header-less file fails whole and imports nothing.
 */
public final class CsvInputFile {

    /**
     * RFC 4180, strict: text after a closing quote or the end of the file inside quotes is no record. Lenient
     * settings would make such a record swallow or merge text silently; {@link CsvRecords} rejects its first line
     * alone and reads on, and a header row like it fails the file.
     */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .get();

    private static final int SNIFF_BYTES = 64 * 1024;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvInputFile() {
    }

    /** Fails with a {@link BadInputException} unless the file is UTF-8 CSV text with the kind's columns. */
    public static CsvHeader inspect(Path file, ImportKind kind) {
        return inspect(file, kind, CsvOptions.DEFAULT);
    }

    /** Fails with a {@link BadInputException} unless the file is CSV text as {@code options} say, with the kind's columns. */
    public static CsvHeader inspect(Path file, ImportKind kind, CsvOptions options) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory; import one CSV file at a time");
        }
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            // a pipe or a device: the import reads its file more than once (checked first, then imported, and
            // again on a restart), which only a regular file allows
            throw new BadInputException(file + ": is not a regular file (a pipe or a device); import a saved CSV file");
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
        if (looksBinary(head)) {
            throw new BadInputException(file + ": is not a CSV text file (it contains binary data)");
        }
        if (options.utf8() && !isUtf8(head)) {
            throw new BadInputException(file + ": is not UTF-8 text; save it as UTF-8 CSV, or, if it comes from 1C or"
                    + " Excel in Windows-1251, import it with --encoding windows-1251 (and --delimiter ';'"
                    + " --decimal-comma if it is separated by ';' with amounts like 1234,50)");
        }
        try (Reader reader = open(file, options); CSVParser parser = format(options).parse(reader)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new BadInputException(file + ": has no header row");
            }
            List<String> names = records.next().toList();
            if (names.size() == 1 && kind.columns().size() > 1) {
                throw new BadInputException(file + ": has one column only (header '" + Shown.value(names.get(0))
                        + "'), not the columns " + String.join(options.delimiterWord(), kind.columns()) + " separated by '"
                        + options.delimiterWord() + "'" + delimiterHint(names.get(0), options));
            }
            return CsvHeader.of(names, kind, file.toString());
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new BadInputException(file + ": is not a readable CSV file: " + e.getMessage(), e);
        }
    }

    /** The option that would split a one-column header into columns, if one would. */
    private static String delimiterHint(String header, CsvOptions options) {
        for (char candidate : new char[]{';', '\t', ',', '|'}) {
            if (candidate != options.delimiter() && header.indexOf(candidate) >= 0) {
                String word = candidate == '\t' ? "tab" : String.valueOf(candidate);
                return "; a file separated by '" + word + "' imports with --delimiter '" + word + "'"
                        + (candidate == ';' ? " (add --decimal-comma for amounts like 1234,50, and --encoding"
                        + " windows-1251 for a 1C or Excel file that is not UTF-8)" : "");
            }
        }
        return "";
    }

    /**
     * Binary data, not text with a stray NUL: a NUL is a rejected row's problem, but a file whose first block is
     * more than one NUL in a thousand bytes (a zip, a PDF, a UTF-16 file) is no CSV at all.
     */
    private static boolean looksBinary(byte[] head) {
        int nuls = 0;
        for (byte b : head) {
            if (b == 0) {
                nuls++;
            }
        }
        return nuls > 1 && nuls * 1000L > head.length || nuls == head.length;
    }

    /** The CSV dialect: RFC 4180, or the delimiter the options give. */
    static CSVFormat format(CsvOptions options) {
        return options.delimiter() == ',' ? FORMAT : FORMAT.builder().setDelimiter(options.delimiter()).get();
    }

    /** A reader over the file's text without its byte-order mark; undecodable bytes become U+FFFD. */
    static Reader open(Path file) throws IOException {
        return open(file, CsvOptions.DEFAULT);
    }

    /** A reader over the file's text in the options' encoding; a UTF-8 byte-order mark is skipped. */
    static Reader open(Path file, CsvOptions options) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20);
        if (options.utf8()) {
            in.mark(3);
            byte[] start = in.readNBytes(3);
            if (!Arrays.equals(start, UTF8_BOM)) {
                in.reset();
            }
        }
        return new InputStreamReader(in, options.encoding().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
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
