package dev.kiln.core.artifact;

import dev.kiln.core.hash.Digest;
import java.util.List;
import java.util.Map;

/**
 * A record keeper that references objects of the artifact store: stage executions' outputs,
 * registered versions' artifacts. gc keeps what they reference; fsck says who is hurt by a
 * damaged object.
 */
public interface ArtifactReferences {

  /** Every referenced root object with its kind (a directory's root is its manifest). */
  Map<Digest, Output.Kind> referencedObjects();

  /** Who references {@code root}, in words ("run 3, stage 'train': model"), at most {@code limit}. */
  List<String> holdersOf(Digest root, int limit);
}
