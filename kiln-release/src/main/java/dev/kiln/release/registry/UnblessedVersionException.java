package dev.kiln.release.registry;

import java.util.List;

/**
 * A promotion refused because the version's gate did not bless it. The failures say why; a
 * caller that may force promotions tells the user how (the CLI names its flags).
 */
public final class UnblessedVersionException extends RegistryException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> failures;

  public UnblessedVersionException(ModelRef version, List<String> failures) {
    super(version + " was not blessed by its gate" + (failures.isEmpty() ? "" : " (" + String.join("; ", failures) + ")"));
    this.failures = List.copyOf(failures);
  }

  public List<String> failures() {
    return failures;
  }
}
