package dev.kiln.cli;

import dev.kiln.core.config.Durations;
import dev.kiln.core.exec.RunEvent;
import dev.kiln.core.exec.RunListener;
import dev.kiln.core.history.ExecStatus;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Renders run events for a person: each stage's output live, prefixed by the stage name; a line
 * when a stage finishes, with its reason; and, on a terminal, a progress line at the bottom that
 * shows what is running, done, cached and left.
 */
final class ConsoleRenderer implements RunListener {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean tty;
  private final boolean quietOutput;
  private final Set<String> running = new LinkedHashSet<>();
  private int total;
  private int done;
  private int cached;
  private int failed;
  private boolean progressShown;

  ConsoleRenderer(PrintStream out, PrintStream err, boolean tty, boolean quietOutput) {
    this.out = out;
    this.err = err;
    this.tty = tty;
    this.quietOutput = quietOutput;
  }

  @Override
  public synchronized void on(RunEvent event) {
    clearProgress();
    if (event instanceof RunEvent.RunStarted s) {
      total = s.stages().size();
      out.println("Run " + s.runId() + " of pipeline '" + s.pipeline() + "': " + total + " stage" + (total == 1 ? "" : "s"));
    } else if (event instanceof RunEvent.StageStarted s) {
      running.add(s.stage());
      out.println("▶ " + s.stage() + ": running (" + String.join("; ", s.why()) + ")");
    } else if (event instanceof RunEvent.StageOutput o) {
      if (!quietOutput) {
        out.println("[" + o.stage() + "] " + o.line());
      }
    } else if (event instanceof RunEvent.StageFinished f) {
      finished(f);
    } else if (event instanceof RunEvent.Recovered r) {
      err.println("kiln: run " + r.runId() + " did not finish (" + r.why() + "); marked as interrupted");
    } else if (event instanceof RunEvent.RunFinished f) {
      out.println("Run " + f.runId() + " " + f.status().label() + " in " + Durations.format(f.wall()) + ": " + f.reason());
      return;
    }
    showProgress();
  }

  private void finished(RunEvent.StageFinished f) {
    running.remove(f.stage());
    done++;
    if (f.status() == ExecStatus.UP_TO_DATE || f.status() == ExecStatus.RESTORED) {
      cached++;
    }
    if (f.status() == ExecStatus.FAILED) {
      failed++;
    }
    String mark = switch (f.status()) {
      case SUCCEEDED -> "✔";
      case UP_TO_DATE -> "=";
      case RESTORED -> "↺";
      case FAILED -> "✘";
      case CANCELLED -> "■";
      case WAITING -> "⏸";
      default -> "-";
    };
    String time = f.status() == ExecStatus.SUCCEEDED || f.status() == ExecStatus.FAILED
        ? " in " + Durations.format(f.wall()) : "";
    String label = f.status().label() + time;
    String reason = f.reason();
    if (f.status() == ExecStatus.SUCCEEDED) {
      reason = succeededReason(reason);
    }
    if (reason.startsWith(f.status().label())) {
      out.println(mark + " " + f.stage() + ": " + reason);
    } else {
      out.println(mark + " " + f.stage() + ": " + label + (reason.isEmpty() ? "" : ": " + reason));
    }
  }

  /** What to say about a stage that ran: a step's outcome and retries; why it ran was said at its start. */
  static String succeededReason(String reason) {
    int ran = reason.indexOf("ran: ");
    String outcome = ran <= 0 ? "" : reason.substring(0, ran).replaceAll("\\s*\\($", "");
    int retried = reason.indexOf("(succeeded on attempt");
    String retries = retried < 0 ? "" : reason.substring(retried + 1, reason.indexOf(')', retried));
    if (outcome.isEmpty()) {
      return retries;
    }
    return retries.isEmpty() ? outcome : outcome + "; " + retries;
  }

  private void showProgress() {
    if (!tty || total == 0 || done == total) {
      return;
    }
    String line = "… running: " + (running.isEmpty() ? "-" : String.join(", ", running)) + " | done " + done
        + " (cached " + cached + (failed > 0 ? ", failed " + failed : "") + ") | left " + (total - done - running.size());
    out.print(line);
    out.flush();
    progressShown = true;
  }

  private void clearProgress() {
    if (progressShown) {
      out.print("\r\033[K");
      progressShown = false;
    }
  }
}
