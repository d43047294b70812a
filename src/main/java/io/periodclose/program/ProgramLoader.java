package io.periodclose.program;

import io.periodclose.BadInputException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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

    private static final YAMLMapper YAML = YAMLMapper.builder(new YAMLAnchorReplayingFactory())
            // Rates are money rules: keep every float as the exact decimal written, never a double.
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            // A key written twice would otherwise silently keep the last value.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Checked by hand after the first document, with a message an operator understands.
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

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
        String text = decodeUtf8(source, bytes);
        JsonNode root = readYaml(source, text);
        BonusProgram program = new ProgramParser(source, year).parse(root);
        return new LoadedProgram(program, source, text, sha256(bytes));
    }

    private static String decodeUtf8(String source, byte[] bytes) {
        try {
            // Strict decoding: a lenient one would replace bad bytes and the stored text would no longer hash alike.
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException(source + ": is not valid UTF-8 text", e);
        }
    }

    private static JsonNode readYaml(String source, String text) {
        try (JsonParser parser = YAML.createParser(text)) {
            JsonNode root = YAML.readTree(parser);
            if (parser.nextToken() != null) {
                throw new BadInputException(source + ": holds more than one YAML document (a second one starts at "
                        + where(parser.currentTokenLocation()) + "); a programme file holds exactly one");
            }
            return root;
        } catch (JacksonException e) {
            throw new BadInputException(source + ": is not valid YAML " + describe(e), e);
        }
    }

    // SnakeYAML's own mark points at the offending character; Jackson's location is only where its parser stood.
    private static String describe(JacksonException e) {
        if (e.getCause() instanceof MarkedYamlEngineException yaml) {
            String problem = yaml.getProblem() == null ? "" : yaml.getProblem().strip();
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext().strip() + ")";
            return yaml.getProblemMark().map(ProgramLoader::where).map(at -> "at " + at + ": ")
                    .orElse(": ") + problem + context;
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().strip();
        return (e.getLocation() == null ? ": " : "at " + where(e.getLocation()) + ": ") + message;
    }

    private static String where(Mark mark) {
        return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    private static String where(TokenStreamLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
