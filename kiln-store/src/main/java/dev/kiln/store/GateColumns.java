package dev.kiln.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.kiln.core.fingerprint.CanonicalJson;
import dev.kiln.release.gate.GateVerdict;
import dev.kiln.release.registry.ModelVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * A version's gate verdict in model_versions: typed checks and notes in {@code gate_json};
 * {@code gate_reasons_json} keeps the verdict as lines, which is all that versions registered
 * before V3 have, so those are read back from the lines.
 */
final class GateColumns {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private GateColumns() {}

  /** The typed form of the verdict, with checks and notes. */
  private record Stored(List<GateVerdict.Check> checks, List<String> notes) {}

  static String write(ModelVersion.GateOutcome g) {
    return CanonicalJson.write(new Stored(g.checks(), g.notes()));
  }

  static ModelVersion.GateOutcome read(Boolean blessed, String gateJson, String reasonsJson) {
    if (gateJson != null && !gateJson.isEmpty()) {
      Stored s = CanonicalJson.read(gateJson, Stored.class);
      return new ModelVersion.GateOutcome(blessed, s.checks(), s.notes());
    }
    List<String> lines = CanonicalJson.MAPPER.convertValue(CanonicalJson.read(reasonsJson, List.class), STRINGS);
    List<GateVerdict.Check> checks = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("note: ")) {
        notes.add(line.substring(6));
      } else {
        boolean passed = !line.startsWith("FAIL: ");
        checks.add(new GateVerdict.Check("", passed, line.replaceFirst("^(pass|FAIL): ", "")));
      }
    }
    return new ModelVersion.GateOutcome(blessed, checks, notes);
  }
}
