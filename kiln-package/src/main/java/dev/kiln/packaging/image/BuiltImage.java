package dev.kiln.packaging.image;

import java.util.List;
import java.util.Optional;

/**
 * An image written (and maybe pushed): its manifest digest (the image's identity, the same for
 * the same inputs), its config digest, its layers in order with their compressed sizes, and
 * where it was pushed to.
 */
public record BuiltImage(String tag, String digest, String configDigest, List<Layer> layers, Optional<String> pushedTo,
    Optional<String> pushedDigest) {

  /** One layer: its name (runtime, libraries, kiln, bundle; base for a base image's), digest and size. */
  public record Layer(String name, String digest, long compressedSize) {}

  public BuiltImage {
    layers = List.copyOf(layers);
  }

  /** The sum of the compressed layers: what a registry stores and a node downloads. */
  public long compressedSize() {
    return layers.stream().mapToLong(Layer::compressedSize).sum();
  }
}
