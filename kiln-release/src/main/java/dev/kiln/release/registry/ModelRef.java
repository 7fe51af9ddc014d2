package dev.kiln.release.registry;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference to a registered model: {@code name:3} (a version) or {@code name@production} (an
 * alias). Model names use letters, digits, {@code _ - .} and {@code /}; aliases letters, digits,
 * {@code _ -}.
 */
public record ModelRef(String model, OptionalInt version, Optional<String> alias) {
  private static final Pattern REF = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_./-]*)(?::(\\d+)|@([A-Za-z][A-Za-z0-9_-]*))");
  public static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./-]*");
  public static final Pattern ALIAS_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

  public ModelRef {
    if (version.isPresent() == alias.isPresent()) {
      throw new IllegalArgumentException("a model reference names a version or an alias");
    }
  }

  /** True when the text has the shape of a registry reference ({@code name:3}, {@code name@alias}). */
  public static boolean looksLikeRef(String text) {
    return REF.matcher(text.trim()).matches();
  }

  public static ModelRef parse(String text) {
    Matcher m = REF.matcher(text.trim());
    if (!m.matches()) {
      throw new RegistryException("'" + text + "' is not a model reference: use NAME:VERSION (credit-risk:3) "
          + "or NAME@ALIAS (credit-risk@production)");
    }
    if (m.group(2) != null) {
      int v;
      try {
        v = Integer.parseInt(m.group(2));
      } catch (NumberFormatException e) {
        throw new RegistryException("version in '" + text + "' is too large");
      }
      if (v < 1) {
        throw new RegistryException("versions start at 1; '" + text + "' names version " + v);
      }
      return new ModelRef(m.group(1), OptionalInt.of(v), Optional.empty());
    }
    return new ModelRef(m.group(1), OptionalInt.empty(), Optional.of(m.group(3)));
  }

  public static ModelRef version(String model, int version) {
    return new ModelRef(model, OptionalInt.of(version), Optional.empty());
  }

  @Override
  public String toString() {
    return version.isPresent() ? model + ":" + version.getAsInt() : model + "@" + alias.get();
  }
}
