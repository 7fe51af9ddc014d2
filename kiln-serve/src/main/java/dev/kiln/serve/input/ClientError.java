package dev.kiln.serve.input;

import java.util.Optional;

/**
 * A request the gateway refuses, with the HTTP status that says why: 400 (the data does not fit
 * the model's signature, or is not the protocol's shape), 404 (no such model or version), 405,
 * 413 (past a payload or batch limit) or 415. {@code column} names the input column at fault,
 * when one is; {@code problem} says what is wrong in one word a client can switch on
 * ({@code missing}, {@code unknown}, {@code wrong_type}, {@code wrong_shape}, {@code malformed},
 * {@code too_large}, {@code not_found}, ...). The message is written for a person.
 */
public final class ClientError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String problem;
  private final String column;

  public ClientError(int status, String problem, String column, String message) {
    super(message, null, false, false);
    this.status = status;
    this.problem = problem;
    this.column = column;
  }

  public static ClientError bad(String problem, String message) {
    return new ClientError(400, problem, null, message);
  }

  public static ClientError column(String problem, String column, String message) {
    return new ClientError(400, problem, column, message);
  }

  public static ClientError notFound(String message) {
    return new ClientError(404, "not_found", null, message);
  }

  public static ClientError tooLarge(String message) {
    return new ClientError(413, "too_large", null, message);
  }

  public static ClientError unsupportedMediaType(String message) {
    return new ClientError(415, "unsupported_media_type", null, message);
  }

  public int status() {
    return status;
  }

  public String problem() {
    return problem;
  }

  public Optional<String> column() {
    return Optional.ofNullable(column);
  }
}
