package dev.kiln.release.step;

import dev.kiln.core.pipeline.Action;
import dev.kiln.core.pipeline.Stage;
import dev.kiln.core.step.InputContext;
import dev.kiln.release.gate.Baseline;
import dev.kiln.release.gate.GateSpec;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.registry.ModelRegistry;
import dev.kiln.release.registry.ModelVersion;
import dev.kiln.release.registry.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A gate's baseline: the reference it names, how to say it, and the version behind it now, if any. */
record BaselineLookup(String name, String label, Optional<Baseline> version) {

  static BaselineLookup of(GateSpec spec, InputContext ctx) {
    if (spec.baseline().isEmpty()) {
      return new BaselineLookup("", "baseline", Optional.empty());
    }
    ModelRef ref = reference(spec, ctx);
    String label = ref.alias().map(a -> a + " of " + ref.model()).orElse(ref.toString());
    ModelRegistry registry = ctx.service(ModelRegistry.class)
        .orElseThrow(() -> new IllegalStateException("a baseline needs the model registry"));
    try {
      ModelVersion v = registry.resolve(ref);
      return new BaselineLookup(ref.toString(), label, Optional.of(new Baseline(label, v.version(), v.metrics())));
    } catch (RegistryException e) {
      return new BaselineLookup(ref.toString(), label, Optional.empty());
    }
  }

  private static ModelRef reference(GateSpec spec, InputContext ctx) {
    String b = spec.baseline().get();
    if (b.contains("@") || b.contains(":")) {
      return ModelRef.parse(b);
    }
    String model = spec.model().or(() -> registeredName(ctx)).orElseThrow(() -> new IllegalArgumentException(
        "baseline '" + b + "' needs a model name: add 'model: NAME' to the gate, or write NAME@" + b));
    return ModelRef.parse(model + "@" + b);
  }

  /** The model name of the pipeline's register stage, if it has exactly one. */
  private static Optional<String> registeredName(InputContext ctx) {
    List<String> names = new ArrayList<>();
    for (Stage s : ctx.pipeline().stages().values()) {
      if (s.action() instanceof Action.Uses u && u.step().equals(RegisterStep.NAME) && u.with().get("name") != null) {
        names.add(String.valueOf(u.with().get("name")));
      }
    }
    return names.size() == 1 ? Optional.of(names.get(0)) : Optional.empty();
  }
}
