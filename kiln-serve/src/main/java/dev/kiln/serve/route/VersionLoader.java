package dev.kiln.serve.route;

import dev.kiln.core.config.ConfigException;
import dev.kiln.model.features.Columns;
import dev.kiln.model.predict.ModelLoadException;
import dev.kiln.model.predict.Models;
import dev.kiln.model.predict.Predictor;
import dev.kiln.release.bundle.Bundle;
import dev.kiln.release.bundle.BundleException;
import dev.kiln.serve.batch.Batching;
import dev.kiln.serve.input.Field;
import dev.kiln.serve.input.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads a bundle into a {@link ServedVersion}: verifies every file against its manifest first
 * (a tampered or incomplete bundle is refused, naming the file, before anything is read), loads
 * the model, and warms it up by predicting a typical row until the code paths are compiled, all
 * beside whatever is serving now.
 */
public final class VersionLoader {
  private static final int WARM_UP_ROUNDS = 2_000;
  private static final long WARM_UP_NANOS = 2_000_000_000L;
  private final Batching batching;

  public VersionLoader(Batching batching) {
    this.batching = batching;
  }

  public ServedVersion load(Path bundleDir) throws LoadRefusedException {
    Bundle bundle;
    try {
      bundle = Bundle.open(bundleDir);
    } catch (BundleException e) {
      throw new LoadRefusedException(e.getMessage(), e);
    } catch (IOException e) {
      throw new LoadRefusedException("cannot read bundle " + bundleDir + ": " + e.getMessage(), e);
    }
    Predictor p;
    try {
      p = Models.loadForServing(Models.resolve(bundle.model().toString(), bundleDir));
    } catch (ModelLoadException | ConfigException e) {
      throw new LoadRefusedException("bundle " + bundleDir + " (" + bundle.info().ref() + "): its model does not load: "
          + e.getMessage(), e);
    }
    ServedVersion v = new ServedVersion(bundle.info(), p, batching.over(p, bundle.info().ref()),
        referenceLabels(bundleDir, bundle.info(), p), profile(bundleDir, bundle.info()));
    try {
      warmUp(v);
    } catch (RuntimeException e) {
      v.retire();
      throw new LoadRefusedException(bundle.info().ref() + " fails on a typical row: " + e.getMessage(), e);
    }
    return v;
  }

  /** Label shares from the reference profile's label column, when it lists every class. */
  static Map<String, Double> referenceLabels(Path dir, dev.kiln.release.bundle.BundleInfo info, Predictor p) {
    String label = p.signature().label();
    if (info.profile() == null || label == null
        || !(p.signature().task() instanceof dev.kiln.model.signature.Task.Classification)) {
      return Map.of();
    }
    try {
      var categories = dev.kiln.stats.profile.Profile.read(dir.resolve(info.profile())).column(label)
          .flatMap(dev.kiln.stats.profile.ColumnProfile::categories).filter(c -> c.complete());
      long total = categories.map(c -> c.top().stream().mapToLong(x -> x.count()).sum()).orElse(0L);
      Map<String, Double> shares = new LinkedHashMap<>();
      categories.ifPresent(c -> c.top().forEach(x -> shares.put(x.value(), (double) x.count() / total)));
      return total == 0 ? Map.of() : shares;
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  /** The bundle's reference profile; empty when it has none or it does not read. */
  static java.util.Optional<dev.kiln.stats.profile.Profile> profile(Path dir, dev.kiln.release.bundle.BundleInfo info) {
    if (info.profile() == null) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(dev.kiln.stats.profile.Profile.read(dir.resolve(info.profile())));
    } catch (RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  private static void warmUp(ServedVersion v) {
    Columns row = typicalRow(v.schema());
    long end = System.nanoTime() + WARM_UP_NANOS;
    for (int i = 0; i < WARM_UP_ROUNDS && System.nanoTime() < end; i++) {
      v.predict(row);
    }
  }

  /** Zeros for numbers, the first level of each category, empty text. */
  static Columns typicalRow(Schema schema) {
    Map<String, double[]> numbers = new LinkedHashMap<>();
    Map<String, String[]> text = new LinkedHashMap<>();
    for (Field f : schema.fields()) {
      switch (f.kind()) {
        case NUMBER -> numbers.put(f.name(), new double[] {0});
        case CATEGORY -> text.put(f.name(), new String[] {f.levels().isEmpty() ? "" : f.levels().get(0)});
        case TEXT -> text.put(f.name(), new String[] {""});
      }
    }
    return Columns.of(numbers, text);
  }
}
