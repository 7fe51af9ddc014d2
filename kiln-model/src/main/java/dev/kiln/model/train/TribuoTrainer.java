package dev.kiln.model.train;

import dev.kiln.model.features.FeatureMatrix;
import dev.kiln.model.signature.ModelFormat;
import dev.kiln.model.signature.Signature;
import dev.kiln.model.signature.Task;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * Tribuo's trainers: logistic regression (AdaGrad on the log loss), linear SGD (log loss for
 * classes, squared loss for numbers), CART and random forests. Seeded; saved in Tribuo's
 * protobuf format as {@code model.tribuo}. Tribuo sees features by their signature names.
 */
final class TribuoTrainer implements ModelTrainer {
  static final String FILE = "model.tribuo";
  private static final OffsetDateTime EPOCH = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  private final Algorithm algorithm;

  TribuoTrainer(Algorithm algorithm) {
    this.algorithm = algorithm;
  }

  @Override
  public Trained train(TrainingSet train, Optional<TrainingSet> validation, Signature signature, Hyperparameters hp,
      long seed, PrintStream log, Path dir) throws Exception {
    String[] names = signature.featureNames().toArray(String[]::new);
    Model<?> model;
    if (signature.task() instanceof Task.Classification c) {
      model = fit(classifier(hp, seed), new LabelFactory(), train, names, y -> new Label(c.classes().get(y.intValue())));
    } else {
      model = fit(regressor(hp, seed), new RegressionFactory(), train, names, y -> new Regressor("value", y));
    }
    model.serializeToFile(dir.resolve(FILE));
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("tribuo_trainer", model.getProvenance().getTrainerProvenance().getClassName());
    log.println("trained " + algorithm.word() + " with Tribuo on " + train.x().rows() + " rows, "
        + names.length + " features");
    return new Trained(FILE, ModelFormat.TRIBUO, facts);
  }

  private static <T extends Output<T>> Model<T> fit(Trainer<T> trainer, OutputFactory<T> factory, TrainingSet s,
      String[] names, Function<Double, T> output) {
    MutableDataset<T> data = new MutableDataset<>(new SimpleDataSourceProvenance("kiln", EPOCH, factory), factory);
    FeatureMatrix x = s.x();
    for (int r = 0; r < x.rows(); r++) {
      double[] v = new double[x.cols()];
      for (int k = 0; k < v.length; k++) {
        v[k] = x.get(r, k);
      }
      data.add(new ArrayExample<>(output.apply((double) s.y()[r]), names.clone(), v));
    }
    return trainer.train(data);
  }

  private Trainer<Label> classifier(Hyperparameters hp, long seed) {
    return switch (algorithm) {
      case LOGISTIC_REGRESSION -> new org.tribuo.classification.sgd.linear.LinearSGDTrainer(new LogMulticlass(),
          new AdaGrad(hp.number("learning_rate"), 0.1), hp.integer("epochs"), 1000, 1, seed);
      case LINEAR_SGD -> new org.tribuo.classification.sgd.linear.LinearSGDTrainer(new LogMulticlass(),
          SGD.getLinearDecaySGD(hp.number("learning_rate")), hp.integer("epochs"), 1000, 1, seed);
      case CART -> new CARTClassificationTrainer(hp.integer("max_depth"), 1.0f, seed);
      case RANDOM_FOREST -> new RandomForestTrainer<>(new CARTClassificationTrainer(hp.integer("max_depth"),
          (float) hp.number("feature_fraction"), seed), new VotingCombiner(), hp.integer("trees"), seed);
      default -> throw new IllegalStateException(algorithm.word() + " is not a Tribuo algorithm");
    };
  }

  private Trainer<Regressor> regressor(Hyperparameters hp, long seed) {
    return switch (algorithm) {
      case LINEAR_SGD -> new org.tribuo.regression.sgd.linear.LinearSGDTrainer(new SquaredLoss(),
          SGD.getLinearDecaySGD(hp.number("learning_rate")), hp.integer("epochs"), 1000, 1, seed);
      case CART -> new CARTRegressionTrainer(hp.integer("max_depth"), 5f, 0f, 1f, new MeanSquaredError(), seed);
      case RANDOM_FOREST -> new RandomForestTrainer<>(new CARTRegressionTrainer(hp.integer("max_depth"), 5f, 0f,
          (float) hp.number("feature_fraction"), new MeanSquaredError(), seed), new AveragingCombiner(),
          hp.integer("trees"), seed);
      default -> throw new IllegalArgumentException(algorithm.word() + " does not do regression");
    };
  }
}
