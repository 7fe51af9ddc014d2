package dev.kiln.serve;

import dev.kiln.release.registry.ModelVersion;
import java.io.IOException;
import java.nio.file.Path;

/** Where a registered version's bundle comes from, for a gateway that follows the registry. */
public interface VersionBundles {

  /** A bundle directory for {@code v} (written if needed); the gateway verifies it before loading. */
  Path bundle(ModelVersion v) throws IOException;
}
