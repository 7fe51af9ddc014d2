package dev.kiln.cli;

import dev.kiln.packaging.PackageRequest;
import dev.kiln.packaging.PackageResult;
import dev.kiln.packaging.Packager;
import dev.kiln.packaging.image.ImageException;
import dev.kiln.packaging.image.ImageSpec;
import dev.kiln.release.bundle.BundleException;
import dev.kiln.release.registry.ModelCheckout;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.registry.ModelVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln package MODEL_REF}: the CLI twin of the package step (bundle, OCI image, Kubernetes manifests). */
@Command(
    name = "package",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Package a registered version: a bundle, an OCI image, Kubernetes manifests.",
        "",
        "--bundle writes a directory that needs nothing else to serve: the model, its signature, reference "
            + "profile and lineage, and a SHA-256 manifest that kiln serve --bundle verifies before it loads "
            + "anything. --image builds an OCI image tarball without a Docker daemon (a linked Java runtime, "
            + "the shared libraries it loads, the gateway's jars, the bundle; entry point the gateway, as a "
            + "non-root user) and prints its digest and compressed size; --push also pushes it. --k8s writes a "
            + "Deployment, Service and ConfigMap that run the image by digest. See docs/serving.md (Packaging)."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  kiln package credit-risk@staging --bundle build/bundle",
        "  kiln package credit-risk:3 --image build/credit-risk.tar --tag credit-risk:3",
        "  kiln package credit-risk:3 --image build/img.tar \\",
        "       --push 127.0.0.1:5000/kiln/credit-risk:3 --k8s build/k8s"})
final class PackageCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Parameters(index = "0", paramLabel = "MODEL_REF", description = "A registered version: name:3 or name@alias.")
  String ref;

  @Option(names = "--bundle", paramLabel = "DIR", description = "Write the bundle into DIR.")
  Path bundle;

  @Option(names = "--image", paramLabel = "FILE", description = "Write an OCI image tarball.")
  Path image;

  @Option(names = "--tag", paramLabel = "NAME:TAG", description = "The image's name in the tarball (default: kiln/MODEL:VERSION).")
  String tag;

  @Option(names = "--base", paramLabel = "REF", description = "Build on a base image: a Docker or OCI tarball, or a registry reference (default: none, a self-contained image).")
  String base;

  @Option(names = "--push", paramLabel = "REGISTRY/REPO:TAG", description = "Push the image to a registry too.")
  String push;

  @Option(names = "--k8s", paramLabel = "DIR", description = "Write a Deployment, Service and ConfigMap (needs --image).")
  Path k8s;

  @Option(names = "--port", paramLabel = "P", description = "The port the gateway listens on in the image (default: 8080).")
  int port = ImageSpec.DEFAULT_PORT;

  @Override
  public Integer call() {
    if (port < 1 || port > 65535) {
      throw new UsageException("--port takes a number from 1 to 65535, found " + port);
    }
    PackageRequest request;
    try {
      request = new PackageRequest(Optional.ofNullable(bundle).map(this::absolute), Optional.ofNullable(image)
          .map(this::absolute), Optional.ofNullable(tag), Optional.ofNullable(base), Optional.ofNullable(push),
          Optional.ofNullable(k8s).map(this::absolute), port);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage() + " (--bundle DIR, --image FILE [--tag --base --push], --k8s DIR)");
    }
    return ModelsCommand.withRegistry(root, a -> {
      ModelVersion v = a.store.registry().resolve(ModelRef.parse(ref));
      Path kiln = a.project().resolve(".kiln");
      Packager packager = new Packager(new ModelCheckout(a.artifacts(), kiln), KilnVersion.get(),
          kiln.resolve("cache").resolve("package"));
      try {
        PackageResult r = packager.pack(v, request);
        r.lines().forEach(root.out::println);
        r.image().ifPresent(i -> root.out.println("image size " + String.format(java.util.Locale.ROOT, "%.1f MB",
            i.compressedSize() / 1e6) + " compressed, digest " + i.digest()));
        return ExitCodes.OK;
      } catch (BundleException e) {
        root.err.println("kiln: " + e.getMessage());
        return ExitCodes.USAGE;
      } catch (ImageException e) {
        root.err.println("kiln: " + e.getMessage());
        return ExitCodes.FAILED;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private Path absolute(Path p) {
    return Path.of("").toAbsolutePath().resolve(p).normalize();
  }
}
