package dev.kiln.core.load;

import dev.kiln.core.config.ConfigReader;
import dev.kiln.core.config.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A top-level part of kiln.yaml beside {@code stages} ({@code on:}, {@code monitor:}) that a module
 * further down owns: kiln-core keeps the node as written in {@link dev.kiln.core.pipeline.Pipeline#sections()},
 * and the owner checks it while the file loads, so its mistakes are reported with file, line and column
 * together with every other problem of the file. Implementations are found with {@link ServiceLoader}.
 */
public interface Section {
  /** The top-level key, such as {@code monitor}. */
  String key();

  /** Reports every problem of {@code node} through {@code reader}; the node is never null. */
  void check(Node node, ConfigReader reader);

  static List<Section> load() {
    List<Section> found = new ArrayList<>();
    ServiceLoader.load(Section.class).forEach(found::add);
    return found;
  }
}
