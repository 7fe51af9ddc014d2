package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kiln run and kiln status check the monitor: section with the rest of kiln.yaml (kiln-serve's Section is on the CLI's class path). */
class MonitorSectionCliTest {
  @TempDir
  Path dir;

  @Test
  void runAndStatusReportAMonitorSectionsMistakesWithTheirLineAndRunNothing() throws Exception {
    TestProject p = new TestProject(dir);
    p.pipeline("monitor:\n  environment: production\n  rules:\n    - name: drift\n      drfit: {psi: \"> 0.2\"}\n"
        + "stages:\n  s: {run: 'echo ran >> ran.txt'}\n");
    for (String command : new String[] {"run", "status"}) {
      TestProject.Result r = p.kiln(command);
      assertThat(r.exit()).as(r.toString()).isEqualTo(2);
      assertThat(r.err()).contains("kiln.yaml:7:7: monitor.rules[0].drfit: unknown key 'drfit' (did you mean 'drift'?)");
    }
    assertThat(p.exists("ran.txt")).isFalse();
    p.pipeline("monitor:\n  environment: production\n  rules:\n    - {name: drift, drift: {psi: \"> 0.2\"}}\n"
        + "stages:\n  s: {run: 'echo ran >> ran.txt'}\n");
    TestProject.Result ok = p.kiln("run");
    assertThat(ok.exit()).as(ok.toString()).isZero();
    assertThat(p.count("ran.txt")).isEqualTo(1);
  }
}
