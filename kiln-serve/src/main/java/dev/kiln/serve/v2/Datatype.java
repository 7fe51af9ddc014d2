package dev.kiln.serve.v2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.serve.input.Field;
import java.util.Optional;

/**
 * The Open Inference Protocol's tensor datatypes and what each may carry: {@code BOOL}
 * booleans, the integer types whole numbers in their range, the float types numbers, and
 * {@code BYTES} strings. A number column takes any but {@code BYTES}; a category or text column
 * takes {@code BYTES} (or whole numbers, for categories named by numbers).
 */
enum Datatype {
  BOOL(0, 0), UINT8(0, 255), UINT16(0, 65535), UINT32(0, 4294967295L), UINT64(0, Long.MAX_VALUE),
  INT8(-128, 127), INT16(-32768, 32767), INT32(Integer.MIN_VALUE, Integer.MAX_VALUE), INT64(Long.MIN_VALUE, Long.MAX_VALUE),
  FP16(0, 0), FP32(0, 0), FP64(0, 0), BYTES(0, 0);

  private final long min;
  private final long max;

  Datatype(long min, long max) {
    this.min = min;
    this.max = max;
  }

  static Optional<Datatype> parse(String name) {
    for (Datatype d : values()) {
      if (d.name().equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  boolean integer() {
    return name().startsWith("INT") || name().startsWith("UINT");
  }

  boolean floating() {
    return name().startsWith("FP");
  }

  /** Whether a column of this kind may arrive in a tensor of this type. */
  boolean fits(Field f) {
    return switch (f.kind()) {
      case NUMBER -> this != BYTES;
      case CATEGORY, TEXT -> this == BYTES || integer();
    };
  }

  /** Whether one element is a value of this type (null is a missing value in any). */
  boolean holds(JsonNode v) {
    if (v.isNull()) {
      return true;
    }
    if (this == BOOL) {
      return v.isBoolean();
    }
    if (this == BYTES) {
      return v.isTextual();
    }
    if (floating()) {
      return v.isNumber();
    }
    return v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= min && v.longValue() <= max
        || v.isNumber() && !v.isIntegralNumber() && v.doubleValue() == Math.rint(v.doubleValue())
        && v.doubleValue() >= min && v.doubleValue() <= max;
  }
}
