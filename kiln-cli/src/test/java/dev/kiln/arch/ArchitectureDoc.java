package dev.kiln.arch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules docs/architecture.md draws, read from its tables: which Kiln modules each module may
 * use ("Module dependencies"), the order of a module's packages where it has one ("Package
 * layers": a package may use only the packages before it), and the libraries a module must not use.
 */
record ArchitectureDoc(Map<String, List<String>> modules, Map<String, List<String>> layers,
    Map<String, List<String>> forbidden) {

  static final Path FILE = Path.of("../docs/architecture.md");

  static ArchitectureDoc read() throws IOException {
    List<String> lines = Files.readAllLines(FILE);
    return new Tables(lines).doc();
  }

  /** Reads the three tables by their headings. */
  private record Tables(List<String> lines) {
    ArchitectureDoc doc() {
      return new ArchitectureDoc(table("## Module dependencies"), table("## Package layers"),
          table("## Libraries kept out"));
    }

    /** The two-column table under {@code heading}: first column → comma-separated second column. */
    Map<String, List<String>> table(String heading) {
      int start = lines.indexOf(heading);
      if (start < 0) {
        throw new AssertionError(FILE + " has no section '" + heading + "'");
      }
      Map<String, List<String>> out = new LinkedHashMap<>();
      for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
        String l = lines.get(i).trim();
        if (!l.startsWith("|") || l.startsWith("|---") || l.startsWith("| module")) {
          continue;
        }
        String[] cells = l.substring(1, l.length() - 1).split("\\|", -1);
        out.put(strip(cells[0]), cells.length < 2 ? List.of() : list(cells[1]));
      }
      return out;
    }

    private static List<String> list(String cell) {
      List<String> out = new ArrayList<>();
      Arrays.stream(cell.split(",")).map(Tables::strip).filter(s -> !s.isEmpty() && !s.equals("—")).forEach(out::add);
      return out;
    }

    private static String strip(String s) {
      return s.replace("`", "").trim();
    }
  }
}
