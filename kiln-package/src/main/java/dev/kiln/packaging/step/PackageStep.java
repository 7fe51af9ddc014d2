package dev.kiln.packaging.step;

import dev.kiln.core.artifact.ArtifactStore;
import dev.kiln.core.config.MapNode;
import dev.kiln.core.path.ProjectPaths;
import dev.kiln.core.step.EffectfulStep;
import dev.kiln.core.step.InputContext;
import dev.kiln.core.step.OutputType;
import dev.kiln.core.step.PriorResult;
import dev.kiln.core.step.StepCheck;
import dev.kiln.core.step.StepContext;
import dev.kiln.core.step.StepPaths;
import dev.kiln.core.step.StepResult;
import dev.kiln.core.step.Upstream;
import dev.kiln.packaging.PackageRequest;
import dev.kiln.packaging.PackageResult;
import dev.kiln.packaging.PackagedImage;
import dev.kiln.packaging.Packager;
import dev.kiln.packaging.image.BuiltImage;
import dev.kiln.packaging.image.ImageSpec;
import dev.kiln.release.registry.ModelCheckout;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.registry.ModelRegistry;
import dev.kiln.release.registry.ModelVersion;
import dev.kiln.release.registry.RegisteredVersion;
import dev.kiln.release.step.RegisterStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code uses: package}: packages a registered version — {@code model} (a registry reference),
 * else the version registered upstream — as a bundle directory ({@code bundle}), an OCI image
 * tarball ({@code image}, with {@code tag}, {@code base}, {@code port}), pushed to a registry
 * ({@code push}), and Kubernetes manifests ({@code k8s}). The bundle, tarball and manifests are
 * the stage's outs; the version it packages is a live input, so a new version packages again.
 *
 * <p>A push lives outside the outs: a package stage restored from the run-cache re-pushes the
 * image (built again from the same inputs, so with the same digest; the registry already holding
 * its layers makes that cheap) and says so, checking the digest is the one the cached run pushed.
 */
public final class PackageStep implements EffectfulStep {
  public static final String NAME = "package";
  public static final OutputType<PackagedImage> IMAGE = OutputType.of("packaged-image", PackagedImage.class);
  static final List<String> KEYS = List.of("model", "bundle", "image", "tag", "base", "push", "k8s", "port");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public String summary() {
    return "package a registered version: bundle, OCI image (no Docker daemon), push, Kubernetes manifests";
  }

  @Override
  public void validate(MapNode with, StepCheck check) {
    var r = check.reader();
    r.allowOnly(with, KEYS);
    r.string(with, "model").filter(m -> !ModelRef.looksLikeRef(m)).ifPresent(m -> check.problems().add(
        with.get("model").get(), "'model' is a registry reference (credit-risk:3, credit-risk@staging), found '" + m
            + "'; leave it out to package the version registered upstream"));
    List.of("bundle", "image", "tag", "base", "push", "k8s").forEach(k -> r.string(with, k));
    r.integer(with, "port", 1).filter(p -> p > 65535).ifPresent(p -> check.problems().add(with.get("port").get(),
        "'port' must lie between 1 and 65535"));
    if (!with.has("bundle") && !with.has("image") && !with.has("k8s")) {
      check.problems().add(with, "package needs at least one of 'bundle' (a directory), 'image' (a tarball) "
          + "and 'k8s' (a directory, with 'image')");
    }
    if (with.has("k8s") && !with.has("image")) {
      check.problems().add(with.get("k8s").get(), "'k8s' names the image by digest: add 'image' (and 'push')");
    }
    for (String k : List.of("tag", "base", "push")) {
      if (with.has(k) && !with.has("image")) {
        check.problems().add(with.get(k).get(), "'" + k + "' goes with 'image'");
      }
    }
  }

  @Override
  public StepPaths paths(Map<String, Object> with) {
    List<String> outs = new ArrayList<>();
    for (String k : List.of("bundle", "image", "k8s")) {
      if (with.get(k) != null) {
        outs.add(ProjectPaths.normalize(String.valueOf(with.get(k))));
      }
    }
    return new StepPaths(List.of(), outs);
  }

  @Override
  public Map<String, Object> liveInputs(InputContext ctx) {
    Map<String, Object> live = new LinkedHashMap<>();
    Object model = ctx.with().get("model");
    if (model != null) {
      ctx.service(ModelRegistry.class).ifPresent(reg -> {
        ModelVersion v = reg.resolve(ModelRef.parse(String.valueOf(model)));
        live.put("model", v.ref() + " " + v.artifact().digest());
      });
    } else {
      upstream(ctx).ifPresent(v -> live.put("model", v.ref() + " " + v.artifact()));
    }
    return live;
  }

  @Override
  public StepResult run(StepContext ctx) throws Exception {
    PackageResult r = pack(ctx, request(ctx, ctx.with()));
    r.lines().forEach(ctx.log()::println);
    return result(r, r.summary());
  }

  @Override
  public StepResult reapply(StepContext ctx, PriorResult prior) throws Exception {
    if (ctx.with().get("push") == null) {
      StepResult r = StepResult.passed("nothing to re-apply: the bundle, image and manifests are back from the cache",
          prior.metrics());
      return prior.output(IMAGE).map(i -> r.with(IMAGE, i)).orElse(r);
    }
    Path scratch = Files.createTempDirectory("kiln-repush");
    try {
      Map<String, Object> with = new LinkedHashMap<>(ctx.with());
      with.remove("bundle");
      with.remove("k8s");
      with.put("image", scratch.resolve("image.tar").toString());
      PackageResult r = pack(ctx, request(ctx, with));
      BuiltImage i = r.image().orElseThrow();
      String before = prior.output(IMAGE).map(PackagedImage::digest).orElse("");
      String same = i.digest().equals(before) ? "the image the cached run pushed"
          : "the cached run pushed " + (before.isEmpty() ? "no recorded digest" : before) + "; this build differs";
      ctx.log().println("re-pushed " + i.pushedTo().orElseThrow() + " " + i.pushedDigest().orElse(i.digest()));
      return result(r, "re-applied: re-pushed " + i.pushedTo().orElseThrow() + " (" + i.digest() + ", " + same + ")");
    } finally {
      ArtifactStore.deleteRecursively(scratch);
    }
  }

  private static StepResult result(PackageResult r, String reason) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    r.image().ifPresent(i -> metrics.put("image.compressed_mb", Math.round(i.compressedSize() / 1e5) / 10.0));
    StepResult result = StepResult.passed(reason, metrics);
    if (r.image().isPresent()) {
      BuiltImage i = r.image().get();
      result = result.with(IMAGE, new PackagedImage(r.info().model(), r.info().version(), i.digest(),
          i.pushedTo().orElse("")));
    }
    return result;
  }

  private static PackageResult pack(StepContext ctx, PackageRequest request) throws Exception {
    ModelRegistry registry = ctx.service(ModelRegistry.class)
        .orElseThrow(() -> new IllegalStateException("package needs the model registry"));
    ArtifactStore store = ctx.service(ArtifactStore.class)
        .orElseThrow(() -> new IllegalStateException("package needs the artifact store"));
    ModelVersion v = version(ctx, registry);
    Path kiln = ctx.projectDir().resolve(".kiln");
    return new Packager(new ModelCheckout(store, kiln), Packager.kilnVersion(), kiln.resolve("cache").resolve("package"))
        .pack(v, request);
  }

  private static ModelVersion version(StepContext ctx, ModelRegistry registry) {
    Object model = ctx.with().get("model");
    if (model != null) {
      return registry.resolve(ModelRef.parse(String.valueOf(model)));
    }
    RegisteredVersion up = upstream(ctx).orElseThrow(() -> new IllegalArgumentException("package needs 'model' (a "
        + "registry reference) or a register stage upstream of it"));
    return registry.resolve(up.ref());
  }

  private static Optional<RegisteredVersion> upstream(InputContext ctx) {
    List<Upstream<RegisteredVersion>> up = ctx.upstream(RegisterStep.REGISTERED);
    return up.isEmpty() ? Optional.empty() : Optional.of(up.get(up.size() - 1).value());
  }

  private static PackageRequest request(InputContext ctx, Map<String, Object> with) {
    return new PackageRequest(path(ctx, with, "bundle"), path(ctx, with, "image"), text(with, "tag"),
        text(with, "base").map(b -> Files.exists(ctx.resolve(b)) ? ctx.resolve(b).toString() : b), text(with, "push"),
        path(ctx, with, "k8s"), with.get("port") == null ? ImageSpec.DEFAULT_PORT
            : ((Number) with.get("port")).intValue());
  }

  private static Optional<Path> path(InputContext ctx, Map<String, Object> with, String key) {
    return text(with, key).map(p -> Path.of(p).isAbsolute() ? Path.of(p) : ctx.resolve(p));
  }

  private static Optional<String> text(Map<String, Object> with, String key) {
    return Optional.ofNullable(with.get(key)).map(String::valueOf);
  }
}
