package dev.kiln.core.step;

import dev.kiln.core.fingerprint.CanonicalJson;
import dev.kiln.core.history.StageOutput;
import java.util.Optional;

/**
 * The name and Java type of a value one step hands to the steps downstream of it: a gate's
 * verdict, a registered version, a deployment. The value travels as JSON in the stage
 * execution's record, so a restored, up-to-date or resumed stage hands on the same value as the
 * run that made it. The name, not the class, identifies the value in the store: keep it stable.
 */
public record OutputType<T>(String name, Class<T> type) {

  public OutputType {
    if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("an output type name is lower-case letters, digits and '-': " + name);
    }
  }

  public static <T> OutputType<T> of(String name, Class<T> type) {
    return new OutputType<>(name, type);
  }

  /** The stored form of {@code value}. */
  public StageOutput store(T value) {
    return new StageOutput(name, CanonicalJson.write(value));
  }

  /** The value in {@code stored}, if it is one of this type. */
  public Optional<T> read(StageOutput stored) {
    if (stored.type().isEmpty() || !name.equals(stored.type())) {
      return Optional.empty();
    }
    return Optional.of(CanonicalJson.read(stored.json(), type));
  }
}
