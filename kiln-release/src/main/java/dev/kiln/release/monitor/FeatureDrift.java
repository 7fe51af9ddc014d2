package dev.kiln.release.monitor;

/**
 * One feature's (or the predictions') drift over one closed window of live traffic, tested
 * against the serving version's reference profile with the same test and threshold
 * {@code kiln validate --reference} would choose: {@code test} is the test's label (psi, ks,
 * wasserstein, jensenshannon, chisquare), {@code statistic} its score or p-value, {@code psi} the
 * population stability index over the reference grid (NaN where it does not apply).
 */
public record FeatureDrift(String feature, String test, double statistic, double threshold, boolean drifted,
    double psi, long rows) {
}
