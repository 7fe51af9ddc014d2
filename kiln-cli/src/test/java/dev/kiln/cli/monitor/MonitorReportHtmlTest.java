package dev.kiln.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.release.monitor.FeatureDrift;
import dev.kiln.release.monitor.MonitorWindow;
import dev.kiln.release.monitor.PredictionDistribution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page stays small whatever the period and the width of the data, and drops no drifted feature. */
class MonitorReportHtmlTest {
  private static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");

  private static MonitorReport wide(int features, int windows) {
    List<MonitorWindow> ws = new ArrayList<>();
    for (int i = 0; i < windows; i++) {
      List<FeatureDrift> fs = new ArrayList<>();
      for (int f = 0; f < features; f++) {
        boolean drifted = f % 97 == 5 && i % 10 == 0;
        fs.add(new FeatureDrift("f_" + f, "psi", drifted ? 0.4 : (f % 50) / 1000.0, 0.1, drifted, 0.01, 200));
      }
      Instant end = T0.plus(Duration.ofMinutes(i + 1));
      ws.add(new MonitorWindow("production", "wide", "1", end.minus(Duration.ofMinutes(1)), end, 100, 0, 1, 2, fs,
          Optional.empty(), 0, Map.of()));
    }
    return MonitorReport.of("production", T0, T0.plus(Duration.ofDays(1)), ws, List.of());
  }

  @Test
  void aDayOfMinuteWindowsOverTwoHundredFeaturesMakesAPageOfAFewMegabytesWithEveryDriftedFeatureInTheHeatmap() {
    String html = MonitorReportHtml.render(wide(200, 1440));
    String heatmap = html.substring(html.indexOf("<figure class=\"plot heatmap\">"), html.indexOf("</figure>",
        html.indexOf("<figure class=\"plot heatmap\">")));
    assertThat(count(heatmap, "font-size=\"11\" text-anchor=\"end\">")).as("heatmap rows").isEqualTo(60);
    assertThat(heatmap).contains(">f_5</text>").contains(">f_102</text>");
    assertThat(count(heatmap, "<rect")).as("columns merged").isEqualTo(60 * Heatmap.MAX_COLUMNS);
    assertThat(html).contains("The heatmaps show the 60 of 200 features");
    assertThat(count(html, "<td>f_")).as("the table lists every feature").isEqualTo(200);
    assertThat(html.length()).isLessThan(8_000_000);
  }

  @Test
  void mergedHeatmapColumnsShowTheirWorstWindowAndSayHowManyDrifted() {
    String html = MonitorReportHtml.render(wide(6, 480));
    assertThat(html).contains("1 of 2 windows drifted");
  }

  @Test
  void aDayOfMinuteWindowsMergesThePredictionDistributionIntoAtMostTwoHundredFortyBarsThatSumTheirCounts() {
    List<String> bins = List.of("<= 1", "(1, 2]", "(2, 3]", "(3, 4]", "> 4", "(other)");
    List<MonitorWindow> ws = new ArrayList<>();
    for (int i = 0; i < 1440; i++) {
      Instant end = T0.plus(Duration.ofMinutes(i + 1));
      long[] current = i % 2 == 0 ? new long[] {40, 20, 20, 10, 10, 0} : new long[] {0, 20, 20, 30, 30, 0};
      ws.add(new MonitorWindow("production", "amounts", "1", end.minus(Duration.ofMinutes(1)), end, 100, 0, 1, 2,
          List.of(), Optional.empty(), 0, Map.of(), Optional.of(PredictionDistribution.of(bins,
              new long[] {200, 200, 200, 200, 200, 0}, current))));
    }
    String html = MonitorReportHtml.render(MonitorReport.of("production", T0, T0.plus(Duration.ofDays(1)), ws, List.of()));
    String chart = html.substring(html.indexOf("<figure class=\"plot distribution\">"));
    chart = chart.substring(0, chart.indexOf("</figure>"));
    assertThat(count(chart, "<rect class=\"share\"")).as("240 bars of 5 bins").isEqualTo(240 * 5);
    assertThat(chart).as("6 windows to a bar, an even and an odd one summed")
        .contains("(6 windows): &lt;= 1 20.00% (120 of 600), reference 20.00%");
    assertThat(count(chart, "<line class=\"reference\"")).isEqualTo(4);
    assertThat(chart.length()).isLessThan(600_000);
  }

  private static int count(String text, String needle) {
    return text.split(Pattern.quote(needle), -1).length - 1;
  }
}
