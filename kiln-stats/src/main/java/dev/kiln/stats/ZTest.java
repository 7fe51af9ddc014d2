package dev.kiln.stats;

/**
 * The two-proportion z-test with pooled variance, two-sided, as Evidently's {@code z} drift test:
 * z = (p₁ − p₂) / √(P(1 − P)(1/n₁ + 1/n₂)), p-value 2(1 − Φ(|z|)).
 */
public final class ZTest {
  private ZTest() {}

  /** z and its two-sided p-value. */
  public record Result(double statistic, double pValue) {}

  /** {@code hits} of {@code n} in each sample. Both proportions equal and extreme ⇒ p = 1. */
  public static Result proportions(long refHits, long refN, long curHits, long curN) {
    double p1 = (double) refHits / refN;
    double p2 = (double) curHits / curN;
    double pooled = (p1 * refN + p2 * curN) / (refN + curN);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / refN + 1.0 / curN));
    if (se == 0) {
      return new Result(0, 1);
    }
    double z = (p1 - p2) / se;
    return new Result(z, 2 * Normal.sf(Math.abs(z)));
  }
}
