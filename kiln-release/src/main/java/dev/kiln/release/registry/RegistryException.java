package dev.kiln.release.registry;

/** A registry request that cannot be met; the message names what exists instead. */
public class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RegistryException(String message) {
    super(message);
  }
}
