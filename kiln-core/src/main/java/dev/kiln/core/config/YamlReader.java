package dev.kiln.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads YAML (and therefore JSON) into a {@link Node} tree that keeps line and column of every
 * key and value. Every YAML file Kiln reads goes through here. Syntax errors, duplicate keys and
 * text over the limits of {@link YamlText} are added to {@link Problems}, never thrown.
 */
public final class YamlReader {
  private static final YAMLFactory FACTORY = YAMLFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(YamlText.MAX_DEPTH).build())
      .build();

  private YamlReader() {}

  /**
   * Reads a file; a missing, unreadable or oversized file is a problem at line 0 (the limits are
   * in {@link YamlText}).
   */
  public static Optional<Node> read(Path file, Problems problems) {
    String text;
    try {
      if (!YamlText.sizeOk(Files.size(file), problems)) {
        return Optional.empty();
      }
      text = decode(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      problems.add(0, 0, "", "file not found");
      return Optional.empty();
    } catch (CharacterCodingException e) {
      problems.add(0, 0, "", "not valid UTF-8 text");
      return Optional.empty();
    } catch (IOException e) {
      problems.add(0, 0, "", "cannot read: " + e.getMessage());
      return Optional.empty();
    }
    return parse(text, problems);
  }

  /**
   * Parses text; an empty document yields an empty mapping at line 1. Never throws: text that is
   * not YAML, or too big, yields located problems and an empty result.
   */
  public static Optional<Node> parse(String text, Problems problems) {
    if (!YamlText.check(text, problems)) {
      return Optional.empty();
    }
    JsonParser parser = null;
    try (JsonParser p = FACTORY.createParser(text)) {
      parser = p;
      JsonToken first = p.nextToken();
      if (first == null) {
        return Optional.of(new MapNode(List.of(), 1, 1, ""));
      }
      Node root = readValue(p, "", problems);
      return Optional.of(root);
    } catch (JsonProcessingException e) {
      YamlErrors.report(e, parser == null ? null : parser.currentLocation(), text, problems);
      return Optional.empty();
    } catch (IOException e) {
      problems.add(0, 0, "", "cannot read: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static Node readValue(JsonParser p, String path, Problems problems) throws IOException {
    JsonLocation at = p.currentTokenLocation();
    int line = at.getLineNr();
    int col = at.getColumnNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        return readMap(p, path, line, col, problems);
      case START_ARRAY:
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(readValue(p, path + "[" + items.size() + "]", problems));
        }
        return new ListNode(items, line, col, path);
      case VALUE_STRING:
        return new ScalarNode(p.getText(), line, col, path);
      case VALUE_NUMBER_INT:
        return new ScalarNode(p.getNumberValue(), line, col, path);
      case VALUE_NUMBER_FLOAT:
        return new ScalarNode(p.getDoubleValue(), line, col, path);
      case VALUE_TRUE:
        return new ScalarNode(Boolean.TRUE, line, col, path);
      case VALUE_FALSE:
        return new ScalarNode(Boolean.FALSE, line, col, path);
      case VALUE_NULL:
        return new ScalarNode(null, line, col, path);
      default:
        return new ScalarNode(p.getText(), line, col, path);
    }
  }

  private static MapNode readMap(JsonParser p, String path, int line, int col, Problems problems)
      throws IOException {
    List<MapNode.Field> fields = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      JsonLocation keyAt = p.currentTokenLocation();
      String key = p.currentName();
      String childPath = Node.child(path, key);
      p.nextToken();
      Node value = readValue(p, childPath, problems);
      if (!seen.add(key)) {
        problems.add(keyAt.getLineNr(), keyAt.getColumnNr(), childPath, "duplicate key '" + key + "'");
        continue;
      }
      fields.add(new MapNode.Field(key, keyAt.getLineNr(), keyAt.getColumnNr(), value));
    }
    return new MapNode(fields, line, col, path);
  }

  private static String decode(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
  }
}
