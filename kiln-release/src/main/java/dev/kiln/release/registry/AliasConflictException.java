package dev.kiln.release.registry;

/** An alias moved between reading it and moving it (compare-and-set failed); nothing changed. */
public final class AliasConflictException extends RegistryException {
  private static final long serialVersionUID = 1L;

  public AliasConflictException(String message) {
    super(message);
  }
}
