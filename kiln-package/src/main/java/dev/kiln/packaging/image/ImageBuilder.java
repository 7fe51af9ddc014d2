package dev.kiln.packaging.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.api.buildplan.Port;
import dev.kiln.core.artifact.ArtifactStore;
import dev.kiln.core.fingerprint.CanonicalJson;
import dev.kiln.release.bundle.Bundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Builds a bundle's OCI image with Jib, without a Docker daemon, as a tarball (and optionally
 * pushes it). Without a base the image needs no download and nothing else: a Java runtime linked
 * with only the gateway's modules, the shared libraries the runtime and the jars' native code
 * load, Kiln's serving jars, and the bundle, on an empty root file system. Its entry point is the
 * gateway ({@code dev.kiln.serve.GatewayMain --bundle /app/bundle}) as a non-root user, with the
 * port exposed and the model's name, version and lineage in its labels. Same inputs, same digest.
 */
public final class ImageBuilder {
  private final Path javaHome;
  private final Path cache;
  private final GatewayClasspath classpath;

  /**
   * @param javaHome the JDK whose jlink links the runtime (the one running Kiln)
   * @param cache where linked runtimes and Jib's layers are kept between builds
   */
  public ImageBuilder(Path javaHome, Path cache, GatewayClasspath classpath) {
    this.javaHome = javaHome;
    this.cache = cache;
    this.classpath = classpath;
  }

  /** Verifies the bundle (a tampered file is refused, naming it), builds, writes the tarball, pushes. */
  public BuiltImage build(ImageSpec spec) throws IOException {
    Bundle bundle = Bundle.open(spec.bundle());
    Path staging = Files.createTempDirectory("kiln-image");
    try {
      JibContainerBuilder jib = container(bundle, spec, staging);
      Files.createDirectories(spec.tarball().toAbsolutePath().getParent());
      boolean loopbackBase = spec.base().map(ImageBuilder::onLoopback).orElse(false);
      containerize(jib, Containerizer.to(TarImage.at(spec.tarball().toAbsolutePath()).named(spec.tag())), loopbackBase);
      BuiltImage written = readBack(spec.tarball(), spec.tag());
      if (spec.push().isEmpty()) {
        return written;
      }
      JibContainer pushed = containerize(jib, Containerizer.to(RegistryImage.named(spec.push().get())),
          loopbackBase || onLoopback(spec.push().get()));
      return new BuiltImage(written.tag(), written.digest(), written.configDigest(), written.layers(), spec.push(),
          Optional.of(pushed.getDigest().toString()));
    } catch (InvalidImageReferenceException e) {
      throw new ImageException("'" + e.getMessage() + "' is not an image reference: use NAME:TAG or "
          + "REGISTRY/REPOSITORY:TAG");
    } finally {
      ArtifactStore.deleteRecursively(staging);
    }
  }

  private JibContainerBuilder container(Bundle bundle, ImageSpec spec, Path staging)
      throws IOException, InvalidImageReferenceException {
    GatewayClasspath cp = classpath.forFormat(BundleFormat.of(bundle));
    boolean onBase = spec.base().isPresent();
    Path jre = JavaRuntime.link(javaHome, cache.resolve("runtimes"));
    List<Path> roots = new ArrayList<>(elfFiles(jre));
    Path natives = Files.createDirectories(staging.resolve("natives"));
    roots.addAll(NativeLibraries.extract(cp.entries(), natives));
    SharedLibraries search = SharedLibraries.ofHost();
    Map<String, Path> libs = search.find(roots, List.of(jre.toRealPath(), natives.toRealPath()));
    JibContainerBuilder jib = base(spec.base(), staging)
        .setFormat(ImageFormat.OCI)
        .setCreationTime(Instant.EPOCH)
        .addFileEntriesLayer(ImageLayers.runtime(jre))
        .addFileEntriesLayer(ImageLayers.libraries(libs, onBase, staging.resolve("files")))
        .addFileEntriesLayer(ImageLayers.kiln(cp.entries()))
        .addFileEntriesLayer(ImageLayers.bundle(bundle.dir()))
        .setEntrypoint(entrypoint(cp, spec.port()))
        .setEnvironment(environment(onBase ? List.of(ImageLayers.PRIVATE_LIBS) : search.directoriesOf(libs)))
        .setExposedPorts(Set.of(Port.tcp(spec.port())))
        .setUser(ImageLayers.UID + ":" + ImageLayers.UID)
        .setWorkingDirectory(AbsoluteUnixPath.get(ImageLayers.APP))
        .setLabels(ImageLabels.of(bundle, spec.base()));
    if (!onBase) {
      jib.setPlatforms(Set.of(new Platform(architecture(), "linux")));
    }
    return jib;
  }

  private static JibContainerBuilder base(Optional<String> base, Path staging) throws IOException,
      InvalidImageReferenceException {
    if (base.isEmpty()) {
      return Jib.fromScratch();
    }
    Path file = Path.of(base.get());
    if (Files.isRegularFile(file)) {
      return Jib.from(TarImage.at(BaseTarball.asDockerArchive(file, staging)).named("base"));
    }
    return Jib.from(RegistryImage.named(base.get()));
  }

  private static List<String> entrypoint(GatewayClasspath cp, int port) {
    List<String> paths = cp.entries().stream().map(ImageLayers::inImage).toList();
    return List.of(ImageLayers.JAVA_HOME + "/bin/java", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
        "-Djava.io.tmpdir=/tmp", "-cp", String.join(":", paths), "dev.kiln.serve.GatewayMain", "--bundle",
        ImageLayers.BUNDLE, "--host", "0.0.0.0", "--port", Integer.toString(port));
  }

  private static Map<String, String> environment(List<String> libraryDirs) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JAVA_HOME", ImageLayers.JAVA_HOME);
    env.put("PATH", ImageLayers.JAVA_HOME + "/bin:/usr/bin:/bin");
    // The launcher finds libjli.so by $ORIGIN, which the loader reads from /proc: name its directory.
    List<String> dirs = new ArrayList<>(List.of(ImageLayers.JAVA_HOME + "/lib"));
    dirs.addAll(libraryDirs);
    env.put("LD_LIBRARY_PATH", String.join(":", dirs));
    return env;
  }

  /** A registry on this machine may speak plain HTTP; any other must speak TLS with a valid certificate. */
  static boolean onLoopback(String reference) {
    String host = reference.contains("/") ? reference.substring(0, reference.indexOf('/')) : "";
    host = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceAll(":\\d+$", "");
    return host.equals("localhost") || host.matches("127\\.\\d+\\.\\d+\\.\\d+") || host.equals("[::1]");
  }

  private JibContainer containerize(JibContainerBuilder jib, Containerizer to, boolean plainHttp) throws IOException {
    to.setBaseImageLayersCache(cache.resolve("jib-base")).setApplicationLayersCache(cache.resolve("jib-layers"))
        .setAllowInsecureRegistries(plainHttp).setToolName("kiln");
    try {
      return jib.containerize(to);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageException("interrupted while building the image");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ImageException("cannot build the image: " + dev.kiln.core.Failures.describe(cause), cause);
    } catch (RegistryException | com.google.cloud.tools.jib.api.CacheDirectoryCreationException e) {
      throw new ImageException("cannot build the image: " + e.getMessage(), e);
    }
  }

  private static List<Path> elfFiles(Path jre) throws IOException {
    try (var s = Files.walk(jre)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.startsWith(jre.resolve("bin")) || p.getFileName().toString().endsWith(".so"))
          .sorted().toList();
    }
  }

  /** The layers, digest and config of the image in an OCI tarball Jib wrote. */
  static BuiltImage readBack(Path tarball, String tag) throws IOException {
    Map<String, byte[]> files = TarFiles.read(tarball, n -> n.equals("index.json") || n.startsWith("blobs/sha256/"));
    JsonNode index = CanonicalJson.MAPPER.readTree(files.get("index.json"));
    String digest = index.get("manifests").get(0).get("digest").asText();
    JsonNode manifest = CanonicalJson.MAPPER.readTree(files.get("blobs/sha256/" + digest.substring(7)));
    List<BuiltImage.Layer> layers = new ArrayList<>();
    JsonNode ls = manifest.get("layers");
    List<String> names = List.of("runtime", "libraries", "kiln", "bundle");
    for (int i = 0; i < ls.size(); i++) {
      int ours = i - (ls.size() - names.size());
      layers.add(new BuiltImage.Layer(ours >= 0 ? names.get(ours) : "base", ls.get(i).get("digest").asText(),
          ls.get(i).get("size").asLong()));
    }
    return new BuiltImage(tag, digest, manifest.get("config").get("digest").asText(), layers, Optional.empty(),
        Optional.empty());
  }

  static String architecture() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
  }
}
