package dev.kiln.model.predict;

import dev.kiln.model.signature.ModelFormat;
import dev.kiln.model.signature.ModelSpec;
import dev.kiln.model.signature.ModelYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds and loads models. {@link #resolve} is the one place a {@code MODEL} argument becomes
 * files: a model directory (holding model.yaml, or a single model file), or a model file
 * (with an optional model.yaml beside it). Registry references ({@code name:3},
 * {@code name@production}) are turned into files before they reach here, by
 * {@code dev.kiln.release.registry.ModelLocator}.
 */
public final class Models {
  private static final List<String> MODEL_FILES = List.of("model.json", "model.ubj", "model.onnx", "model.tribuo");

  private Models() {}

  /** Where a model's files are and what its model.yaml says. */
  public record Location(Path modelFile, ModelSpec spec) {}

  /** Resolves a {@code MODEL} argument against {@code base} (the project or working directory). */
  public static Location resolve(String ref, Path base) {
    Path p = base.resolve(ref).normalize();
    if (Files.isDirectory(p)) {
      return inDirectory(p);
    }
    if (Files.isRegularFile(p)) {
      return file(p);
    }
    if (dev.kiln.release.registry.ModelRef.looksLikeRef(ref)) {
      throw new ModelLoadException("'" + ref + "' is a registry reference: resolve it with the registry first "
          + "(ModelLocator; kiln evaluate and the evaluate step do), or pass a model directory or file");
    }
    throw new ModelLoadException(ref + ": no such model directory or file");
  }

  private static Location inDirectory(Path dir) {
    Path yaml = dir.resolve(ModelYaml.FILE);
    if (Files.isRegularFile(yaml)) {
      ModelSpec spec = ModelYaml.read(yaml);
      Path file = dir.resolve(spec.file()).normalize();
      if (!Files.isRegularFile(file)) {
        throw new ModelLoadException(yaml + ": names model file '" + spec.file() + "', which does not exist");
      }
      return new Location(file, spec);
    }
    List<Path> found = MODEL_FILES.stream().map(dir::resolve).filter(Files::isRegularFile).toList();
    if (found.size() != 1) {
      throw new ModelLoadException(dir + ": expected a model.yaml or one of " + String.join(", ", MODEL_FILES)
          + (found.isEmpty() ? ", found none" : ", found several"));
    }
    return file(found.get(0));
  }

  private static Location file(Path file) {
    Path yaml = file.resolveSibling(ModelYaml.FILE);
    if (Files.isRegularFile(yaml)) {
      ModelSpec spec = ModelYaml.read(yaml);
      if (file.getFileName().toString().equals(spec.file())) {
        return new Location(file, spec);
      }
    }
    String name = file.getFileName().toString();
    if (name.equals(ModelYaml.FILE)) {
      return inDirectory(file.getParent() == null ? Path.of(".") : file.getParent());
    }
    Optional<ModelFormat> format = ModelFormat.ofFile(name);
    if (format.isEmpty()) {
      throw new ModelLoadException(file + ": cannot tell the model format from the name; use .json or .ubj "
          + "(XGBoost), .onnx (ONNX) or .tribuo (Tribuo), or describe it in a model.yaml beside it");
    }
    return new Location(file, ModelSpec.bare(format.get(), name));
  }

  /** Resolves and loads. */
  public static Predictor load(String ref, Path base) {
    return load(resolve(ref, base));
  }

  public static Predictor load(Location at) {
    return load(at, false);
  }

  /**
   * Loads a model for a server, whose concurrency comes from its requests: every prediction runs
   * on the calling thread alone (ONNX Runtime's sessions already run so), and XGBoost models are
   * predicted in Java ({@code dev.kiln.model.xgboost.TreeEnsemble}: XGBoost4J's predictions
   * without its ≈ 80 µs per call, its native library or any of its classes loaded).
   */
  public static Predictor loadForServing(Location at) {
    return load(at, true);
  }

  private static Predictor load(Location at, boolean forServing) {
    ModelFormat format = at.spec().format();
    Backend backend = switch (format) {
      case XGBOOST -> forServing ? XGBoostJavaBackend.load(at.modelFile(), at.spec()) : xgboost4j(at);
      case ONNX -> OnnxBackend.load(at.modelFile(), at.spec());
      case TRIBUO -> TribuoBackend.load(at.modelFile(), at.spec());
    };
    return new LoadedModel(format, backend);
  }

  /** Kept in a method of its own, so loading a model for serving touches no XGBoost4J class. */
  private static Backend xgboost4j(Location at) {
    return XGBoostBackend.load(at.modelFile(), at.spec());
  }
}
