package dev.kiln.serve.route;

import dev.kiln.model.features.Columns;
import dev.kiln.model.predict.Predictions;
import dev.kiln.model.predict.Predictor;
import dev.kiln.model.signature.Task;
import dev.kiln.release.bundle.BundleInfo;
import dev.kiln.serve.batch.Predicting;
import dev.kiln.serve.input.Schema;
import dev.kiln.stats.profile.Profile;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded, verified model version ready to answer: its bundle's identity, the predictor, the
 * schema requests are checked against, and how it predicts. A version is used under a lease
 * ({@link #acquire}/{@link #release}); once {@link #retire}d it takes no new leases and closes its
 * predictor when the last lease is released, so a swap never closes a model under a request.
 */
public final class ServedVersion {
  private final BundleInfo info;
  private final Predictor predictor;
  private final Predicting predicting;
  private final Schema schema;
  private final Map<String, Double> referenceLabels;
  private final Optional<Profile> referenceProfile;
  private final AtomicInteger leases = new AtomicInteger();
  private volatile boolean retired;
  private boolean closed;

  ServedVersion(BundleInfo info, Predictor predictor, Predicting predicting, Map<String, Double> referenceLabels) {
    this(info, predictor, predicting, referenceLabels, Optional.empty());
  }

  ServedVersion(BundleInfo info, Predictor predictor, Predicting predicting, Map<String, Double> referenceLabels,
      Optional<Profile> referenceProfile) {
    this.info = info;
    this.referenceProfile = referenceProfile;
    this.referenceLabels = Map.copyOf(referenceLabels);
    this.predictor = predictor;
    this.predicting = predicting;
    this.schema = Schema.of(predictor.signature());
  }

  public String model() {
    return info.model();
  }

  public int version() {
    return info.version();
  }

  public BundleInfo info() {
    return info;
  }

  /**
   * The share of each class in the label column of the data the model was trained on, from its
   * bundle's reference profile; empty for a regressor or a bundle without one.
   */
  public Map<String, Double> referenceLabels() {
    return referenceLabels;
  }

  /** The bundle's reference profile (the training data's), which live drift is tested against. */
  public Optional<Profile> referenceProfile() {
    return referenceProfile;
  }

  /** The label column the model was trained to predict (null when the signature has none). */
  public String label() {
    return predictor.signature().label();
  }

  public Schema schema() {
    return schema;
  }

  public Task task() {
    return predictor.signature().task();
  }

  public String platform() {
    return predictor.format().word();
  }

  /** Encodes checked rows and predicts them. */
  public Predictions predict(Columns rows) {
    return predicting.predict(predictor.encoder().encode(rows));
  }

  /** Takes a lease; false when the version was retired meanwhile (route again). */
  boolean acquire() {
    leases.incrementAndGet();
    if (retired) {
      release();
      return false;
    }
    return true;
  }

  void release() {
    if (leases.decrementAndGet() == 0 && retired) {
      closeOnce();
    }
  }

  /** Takes no new leases, and closes once the requests holding one are done. */
  void retire() {
    retired = true;
    if (leases.get() == 0) {
      closeOnce();
    }
  }

  /** Requests holding a lease now. */
  public int inFlight() {
    return leases.get();
  }

  private synchronized void closeOnce() {
    if (!closed) {
      closed = true;
      predicting.close();
      predictor.close();
    }
  }

  @Override
  public String toString() {
    return info.ref();
  }
}
