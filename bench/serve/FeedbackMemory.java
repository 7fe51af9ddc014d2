import dev.kiln.model.predict.Predictions;
import dev.kiln.model.signature.Task;
import dev.kiln.serve.feedback.Feedback;
import dev.kiln.serve.feedback.FeedbackOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Heap per journal entry (bench/serve/feedback.sh runs it with java's single-file launcher over
 * kiln-cli's jars): journals N binary-classifier predictions under 32-hex-digit request ids, as
 * single rows and then as rows of 100-row batches, and prints the heap used after GC per entry.
 *   java -XX:+UseSerialGC -Xmx2g -cp 'kiln-cli/target/kiln/lib/*' bench/serve/FeedbackMemory.java [N=1000000]
 */
public class FeedbackMemory {
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    System.out.printf("journal, single rows: %.0f bytes per entry%n", perEntry(n, 1));
    System.out.printf("journal, rows of 100-row batches: %.0f bytes per entry%n", perEntry(n, 100));
  }

  private static double perEntry(int n, int batch) {
    Task.Classification task = Task.Classification.of(List.of("0", "1"));
    Feedback f = new Feedback(FeedbackOptions.DEFAULT.withJournal(n, Duration.ofDays(1)), Clock.systemUTC());
    Random r = new Random(1);
    long before = used();
    for (int i = 0; i < n / batch; i++) {
      double[][] rows = new double[batch][];
      for (int k = 0; k < batch; k++) {
        double p = r.nextDouble();
        rows[k] = new double[] {1 - p, p};
      }
      String id = Long.toHexString(r.nextLong() | Long.MIN_VALUE) + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
      f.record("m", 1, task, 0.5, id, new Predictions.Classes(task.classes(), rows), null);
    }
    double bytes = (used() - before) / (double) n;
    if (f.snapshot().journalEntries() != n) {
      throw new IllegalStateException("the journal holds " + f.snapshot().journalEntries() + " entries, not " + n);
    }
    return bytes;
  }

  private static long used() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 5; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
