package dev.kiln.model.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.model.Fixtures;
import dev.kiln.model.evaluate.EvaluationJob;
import dev.kiln.model.evaluate.EvaluationOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of a real evaluation whose slice values and group names are long: every
 * label is readable in full, as text in the page (not cut, not only in a tooltip), and in a
 * browser no label overflows its cell.
 */
class HtmlReportTest {
  private static final List<String> SEGMENTS = List.of(
      "Small business owners in the north-east region with two or more accounts",
      "Retired homeowners (no mortgage) receiving a pension from a public employer",
      "short",
      "Supercalifragilisticexpialidocious_customers_without_any_spaces_in_their_segment_name");
  private static final List<String> GROUPS = List.of("African American applicants in metropolitan Boston",
      "All other applicants in metropolitan Boston");

  private static Path report(Path dir) throws Exception {
    List<String> in = Files.readAllLines(Fixtures.file("xgb_test.csv"));
    List<String> out = new ArrayList<>(List.of(in.get(0) + ",segment,afam"));
    for (int i = 1; i < in.size(); i++) {
      out.add(in.get(i) + "," + SEGMENTS.get(i % 4) + "," + GROUPS.get(i % 2));
    }
    Files.write(dir.resolve("test.csv"), out);
    var o = new EvaluationOptions(Optional.of("label"), Optional.empty(), 0.5, List.of("segment"), List.of("afam"),
        Map.of(), 5, Optional.empty());
    Path report = dir.resolve("report.html");
    new EvaluationJob(Fixtures.file("xgb_binary.json").toString(), "test.csv", o, Optional.empty(), Optional.of(report),
        Optional.empty()).run(dir);
    return report;
  }

  /** The text of every label cell of the report's bar charts. */
  private static List<String> labelCells(String html) {
    List<String> cells = new ArrayList<>();
    Matcher m = Pattern.compile("<td class=\"label\">([^<]*)</td>").matcher(html);
    while (m.find()) {
      cells.add(m.group(1).replace("&amp;", "&"));
    }
    return cells;
  }

  @Test
  void longSliceLabelsAndGroupNamesAppearInFullAsTheTextOfTheirChartRows(@TempDir Path dir) throws Exception {
    String html = Files.readString(report(dir));
    assertThat(labelCells(html)).containsAll(SEGMENTS).containsAll(GROUPS).noneMatch(l -> l.contains("…"));
    assertThat(html).doesNotContain("text-overflow").doesNotContain("overflow:hidden");
  }

  @Test
  void noLabelOverflowsItsCellInABrowser(@TempDir Path dir) throws Exception {
    Optional<Path> chromium = chromium();
    assumeTrue(chromium.isPresent(), "needs chromium (apt-get install -y chromium)");
    Path page = dir.resolve("measured.html");
    String probe = "<pre id=\"layout\"></pre><script>const cells=[...document.querySelectorAll('td.label')];"
        + "document.getElementById('layout').textContent='cells=' + cells.length + ' clipped=' + cells.filter(c =>"
        + " c.scrollWidth > c.clientWidth || c.getBoundingClientRect().left < 0).length;</script></body>";
    Files.writeString(page, Files.readString(report(dir)).replace("</body>", probe));
    Process p = new ProcessBuilder(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + Files.createDirectory(dir.resolve("profile")), "--window-size=1200,2000", "--dump-dom",
        page.toUri().toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String dom = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    Matcher layout = Pattern.compile("<pre id=\"layout\">([^<]*)</pre>").matcher(dom);
    assertThat(layout.find()).as("the measured page").isTrue();
    // 4 slices, and 2 groups in each of the three fairness charts
    assertThat(layout.group(1)).isEqualTo("cells=10 clipped=0");
  }

  private static Optional<Path> chromium() {
    return List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").stream().map(Path::of)
        .filter(Files::isExecutable).findFirst();
  }
}
