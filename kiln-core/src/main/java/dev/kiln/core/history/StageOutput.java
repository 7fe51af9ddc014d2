package dev.kiln.core.history;

/**
 * A typed value a stage execution handed to the stages downstream of it, as stored: the type's
 * name and the value's canonical JSON. {@link #NONE} when the stage published nothing.
 */
public record StageOutput(String type, String json) {
  public static final StageOutput NONE = new StageOutput("", "");

  public StageOutput {
    type = type == null ? "" : type;
    json = json == null ? "" : json;
  }

  public boolean present() {
    return !type.isEmpty();
  }
}
