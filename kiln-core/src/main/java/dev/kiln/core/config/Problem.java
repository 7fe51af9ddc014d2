package dev.kiln.core.config;

/**
 * One problem found in a configuration file, located by line and column and by the path of the
 * offending key ({@code stages.train.needs[0]}). Renders as {@code file:line:col: path: message}.
 */
public record Problem(String file, int line, int column, String path, String message) {

  @Override
  public String toString() {
    String where = line > 0 ? file + ":" + line + ":" + column : file;
    return path.isEmpty() ? where + ": " + message : where + ": " + path + ": " + message;
  }
}
