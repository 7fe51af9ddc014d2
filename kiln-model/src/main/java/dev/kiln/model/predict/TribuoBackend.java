package dev.kiln.model.predict;

import dev.kiln.model.features.FeatureMatrix;
import dev.kiln.model.signature.ModelSpec;
import dev.kiln.model.signature.Signature;
import dev.kiln.model.signature.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Tribuo models saved in Tribuo's protobuf format ({@code Model.serializeToFile}); never Java
 * serialization. Features reach Tribuo by the names the signature gives them
 * ({@code tenure}, {@code contract=One year}).
 */
final class TribuoBackend implements Backend {
  private final Model<?> model;
  private final Signature signature;
  private final String[] featureNames;

  private TribuoBackend(Model<?> model, Signature signature) {
    this.model = model;
    this.signature = signature;
    this.featureNames = signature.featureNames().toArray(String[]::new);
  }

  static TribuoBackend load(Path file, ModelSpec spec) {
    Model<?> model;
    try {
      model = Model.deserializeFromFile(file);
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException(file + ": not a Tribuo model in protobuf format (" + e.getMessage() + ")", e);
    }
    List<String> features = new ArrayList<>();
    model.getFeatureIDMap().forEach(f -> features.add(f.getName()));
    Task task;
    int outputs;
    if (model.validate(Label.class)) {
      TreeSet<String> names = new TreeSet<>();
      model.getOutputIDInfo().getDomain().forEach(o -> names.add(((Label) o).getLabel()));
      task = Task.Classification.of(List.copyOf(names));
      outputs = names.size();
      if (spec.task().orElse(task) instanceof Task.Classification c && !new TreeSet<>(c.classes()).equals(names)) {
        throw new ModelLoadException(file + ": model.yaml lists classes " + c.classes() + " but the model knows " + names);
      }
    } else if (model.validate(Regressor.class)) {
      task = new Task.Regression();
      outputs = 0;
    } else {
      throw new ModelLoadException(file + ": Tribuo models of this output type are not supported yet "
          + "(Kiln reads classification and regression models)");
    }
    List<String> recorded = spec.inputs().isPresent() ? List.of() : features;
    return new TribuoBackend(model, SignatureMerge.merge(file, spec, recorded, -1, task, outputs));
  }

  @Override
  public Signature signature() {
    return signature;
  }

  @Override
  public Predictions predict(FeatureMatrix x) {
    if (signature.task() instanceof Task.Classification c) {
      return classify(c, x);
    }
    @SuppressWarnings("unchecked")
    Model<Regressor> m = (Model<Regressor>) model;
    List<Prediction<Regressor>> ps = m.predict(examples(x, RegressionFactory.UNKNOWN_REGRESSOR));
    double[] y = new double[ps.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = ps.get(i).getOutput().getValues()[0];
    }
    return new Predictions.Scores(y);
  }

  private Predictions classify(Task.Classification c, FeatureMatrix x) {
    @SuppressWarnings("unchecked")
    Model<Label> m = (Model<Label>) model;
    List<Prediction<Label>> ps = m.predict(examples(x, LabelFactory.UNKNOWN_LABEL));
    double[][] p = new double[ps.size()][c.classes().size()];
    for (int i = 0; i < p.length; i++) {
      Map<String, Label> scores = ps.get(i).getOutputScores();
      for (int k = 0; k < c.classes().size(); k++) {
        Label l = scores.get(c.classes().get(k));
        p[i][k] = l == null ? 0 : l.getScore();
      }
    }
    return new Predictions.Classes(c.classes(), p);
  }

  private <T extends Output<T>> List<Example<T>> examples(FeatureMatrix x, T unknown) {
    List<Example<T>> out = new ArrayList<>(x.rows());
    for (int r = 0; r < x.rows(); r++) {
      double[] v = new double[x.cols()];
      for (int k = 0; k < v.length; k++) {
        v[k] = x.get(r, k);
      }
      out.add(new ArrayExample<>(unknown, featureNames.clone(), v));
    }
    return out;
  }

  @Override
  public void close() {
    // pure Java: nothing to release
  }
}
