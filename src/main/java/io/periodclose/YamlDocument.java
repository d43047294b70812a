package io.periodclose;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one YAML document of a configuration file (a bonus programme, the schedules), read strictly: UTF-8 only, one
 * document only, and every problem a {@link BadInputException} naming the file, the line and the column.
 */
public final class YamlDocument {

    private YamlDocument() {
    }

    /**
     * Strict decoding: a lenient one would replace bad bytes, and a stored copy would no longer hash like the file.
     */
    public static String decodeUtf8(String source, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException(source + ": is not valid UTF-8 text", e);
        }
    }

    /**
     * Reads the single document of {@code text}. {@code kind} names the file in the message about a second document
     * ("a programme file"); {@code aliasHint}, when not null, is added to a syntax error SnakeYAML reports while
     * scanning an alias (an unquoted value starting with {@code *}).
     */
    public static JsonNode readOne(YAMLMapper yaml, String source, String text, String kind, String aliasHint) {
        try (JsonParser parser = yaml.createParser(text)) {
            JsonNode root = yaml.readTree(parser);
            if (parser.nextToken() != null) {
                throw new BadInputException(source + ": holds more than one YAML document (a second one starts at "
                        + where(parser.currentTokenLocation()) + "); " + kind + " holds exactly one");
            }
            return root;
        } catch (JacksonException e) {
            throw new BadInputException(source + ": is not valid YAML " + describe(e, aliasHint), e);
        }
    }

    // SnakeYAML's own mark points at the offending character; Jackson's location is only where its parser stood.
    private static String describe(JacksonException e, String aliasHint) {
        if (e.getCause() instanceof MarkedYamlEngineException yaml) {
            String problem = yaml.getProblem() == null ? "" : yaml.getProblem().strip();
            String context = yaml.getContext() == null ? "" : yaml.getContext().strip();
            return yaml.getProblemMark().map(YamlDocument::where).map(at -> "at " + at + ": ").orElse(": ")
                    + problem + (context.isEmpty() ? "" : " (" + context + ")")
                    + (aliasHint != null && context.contains("alias") ? "; " + aliasHint : "");
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
}
