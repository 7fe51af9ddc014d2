package dev.kiln.data.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.ReadOptions;
import dev.kiln.stats.profile.Profile;
import dev.kiln.stats.profile.ProfileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A saved profile is a wire format between runs and machines: a truncated or damaged one either
 * still reads or is a clear {@link ProfileException}; no other exception ever escapes.
 */
class ProfileJsonPropertiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VALID = validProfile();

  private static String validProfile() {
    try (DataSource ds = DataSource.open(Path.of("../examples/quickstart/data/hmda.csv").toString(),
        ReadOptions.DEFAULT)) {
      return Profiler.profile(ds, List.of("pirat", "deny", "chist")).toJson();
    }
  }

  @Property(tries = 200)
  void aTruncatedProfileIsAProfileError(@ForAll @IntRange(min = 0, max = 100_000) int cut) throws Exception {
    String text = VALID.substring(0, cut % VALID.length());
    assertThat(readOutcome(text)).isIn("error", "read");
  }

  @Property(tries = 300)
  void aProfileWithOneValueReplacedReadsOrFailsAsAProfileError(@ForAll long seed) throws Exception {
    JsonNode root = JSON.readTree(VALID);
    Random random = new Random(seed);
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode target = containers.get(random.nextInt(containers.size()));
    JsonNode junk = junk(random);
    if (target instanceof ObjectNode o && o.size() > 0) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      String name = names.get(random.nextInt(names.size()));
      if (random.nextBoolean()) {
        o.set(name, junk);
      } else {
        o.remove(name);
      }
    } else if (target instanceof ArrayNode a && a.size() > 0) {
      a.set(random.nextInt(a.size()), junk);
    }
    String outcome = readOutcome(JSON.writeValueAsString(root));
    assertThat(outcome).isIn("error", "read");
  }

  /** "read" or "error" (a ProfileException); anything else fails the property with its exception. */
  private static String readOutcome(String text) throws Exception {
    Path f = Files.createTempFile("profile", ".json");
    try {
      Files.writeString(f, text);
      Profile.read(f);
      return "read";
    } catch (ProfileException e) {
      assertThat(e.getMessage()).isNotBlank();
      return "error";
    } finally {
      Files.deleteIfExists(f);
    }
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
        collect(it.next(), out);
      }
    }
  }

  private static JsonNode junk(Random random) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (random.nextInt(8)) {
      case 0 -> f.nullNode();
      case 1 -> f.textNode("x");
      case 2 -> f.numberNode(-1);
      case 3 -> f.numberNode(Double.NaN);
      case 4 -> f.arrayNode();
      case 5 -> f.objectNode();
      case 6 -> f.booleanNode(true);
      default -> f.numberNode(1e300);
    };
  }
}
