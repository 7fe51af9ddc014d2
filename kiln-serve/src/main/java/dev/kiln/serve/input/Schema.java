package dev.kiln.serve.input;

import dev.kiln.model.signature.Input;
import dev.kiln.model.signature.Signature;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The columns a model's requests must hold, in signature order, as {@link Field}s: what every
 * protocol's parser checks a request against before any prediction.
 */
public final class Schema {
  private final List<Field> fields;
  private final Map<String, Integer> index = new HashMap<>();

  public Schema(List<Field> fields) {
    this.fields = List.copyOf(fields);
    for (int i = 0; i < this.fields.size(); i++) {
      index.put(this.fields.get(i).name(), i);
    }
  }

  public static Schema of(Signature s) {
    return new Schema(s.inputs().stream().map(Schema::field).toList());
  }

  private static Field field(Input in) {
    if (in instanceof Input.Categorical c) {
      return new Field(c.name(), Field.Kind.CATEGORY, c.levels());
    }
    return new Field(in.name(), in instanceof Input.Text ? Field.Kind.TEXT : Field.Kind.NUMBER, List.of());
  }

  public List<Field> fields() {
    return fields;
  }

  public int size() {
    return fields.size();
  }

  public Field field(int i) {
    return fields.get(i);
  }

  public OptionalInt indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? OptionalInt.empty() : OptionalInt.of(i);
  }

  /** The field's index, or a 400 naming the unknown column and the ones the model takes. */
  public int require(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw ClientError.column("unknown", name, "unknown column '" + name + "': the model takes " + names());
    }
    return i;
  }

  public String names() {
    return String.join(", ", fields.stream().map(Field::name).toList());
  }
}
