package io.periodclose.program;

import io.periodclose.BadInputException;
import io.periodclose.YamlDocument;
import org.springframework.stereotype.Component;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads {@code <programs-dir>/<year>.yml} into a validated {@link LoadedProgram}. Every problem becomes a
 * {@link BadInputException} naming the file, the key and what is wrong. Stateless and thread-safe; plain
 * {@code new ProgramLoader()} works outside Spring.
 */
@Component
public class ProgramLoader {

    /** Built on first use: the report commands create this bean but never parse a programme (Jackson's start-up). */
    private static final class Yaml {
        static final YAMLMapper YAML = YAMLMapper.builder(new YAMLAnchorReplayingFactory())
                // Rates are money rules: keep every float as the exact decimal written, never a double.
                .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                // A key written twice would otherwise silently keep the last value.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Checked by hand after the first document, with a message an operator understands.
                .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** The file that holds the programme of {@code year}. */
    public static Path fileFor(Path programsDir, int year) {
        return programsDir.resolve(year + ".yml");
    }

    public LoadedProgram load(Path programsDir, int year) {
        Path file = fileFor(programsDir, year);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("no bonus programme for " + year + ": expected the file "
                    + file.toAbsolutePath().normalize() + (Files.isDirectory(programsDir) ? ""
                    : " but the programmes directory " + programsDir.toAbsolutePath().normalize() + " does not exist")
                    + " (the directory is chosen with --programs)", e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return parse(file.toString(), bytes, year);
    }

    /**
     * Parses and validates programme bytes for {@code year}; {@code source} names them in messages. Also serves
     * to re-read a copy stored with a close.
     */
    public LoadedProgram parse(String source, byte[] bytes, int year) {
        String text = YamlDocument.decodeUtf8(source, bytes);
        JsonNode root = YamlDocument.readOne(Yaml.YAML, source, text, "a programme file", null);
        BonusProgram program = new ProgramParser(source, year).parse(root);
        return new LoadedProgram(program, source, text, sha256(bytes));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
