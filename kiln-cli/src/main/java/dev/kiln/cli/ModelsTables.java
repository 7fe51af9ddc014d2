package dev.kiln.cli;

import dev.kiln.release.registry.AliasMove;
import dev.kiln.release.registry.ModelVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The tables of versions and alias moves that registry commands print. */
final class ModelsTables {
  private ModelsTables() {}

  static void printVersions(KilnCommand root, List<ModelVersion> versions) {
    Table t = new Table("MODEL", "VERSION", "ALIASES", "GATE", "RUN", "CREATED", "BY", "METRICS");
    for (ModelVersion v : versions) {
      t.row(v.model(), v.version(), String.join(",", v.aliases()), v.gate().describe(), v.lineage().runId(),
          Format.time(v.createdAt()), v.createdBy(), headline(v.metrics()));
    }
    t.print(root.out);
  }

  private static String headline(Map<String, Double> metrics) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(metrics).forEach((k, v) -> {
      if (parts.size() < 4 && !k.contains(".") && !k.contains(":")) {
        parts.add(k + "=" + Format.number(v));
      }
    });
    return String.join(" ", parts);
  }

  static void printMoves(KilnCommand root, List<AliasMove> moves) {
    Table t = new Table("WHEN", "ALIAS", "FROM", "TO", "BY", "WHY");
    for (AliasMove a : moves) {
      String why = a.reason() + (a.rollback() ? " [rollback]" : "") + (a.forced() ? " [forced: gate failed]" : "");
      t.row(Format.time(a.movedAt()), a.alias(), a.fromVersion() == null ? "-" : "v" + a.fromVersion(),
          "v" + a.toVersion(), a.movedBy(), why);
    }
    t.print(root.out);
  }
}
