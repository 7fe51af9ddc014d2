package dev.kiln.serve.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.serve.input.ClientError;
import dev.kiln.serve.input.Json;
import java.nio.charset.StandardCharsets;

/**
 * The two protocols' error bodies. Open Inference Protocol v2 (paths under {@code /v2}):
 * {@code {"error": "..."}}; MLflow's scoring server (every other path):
 * {@code {"error_code": "BAD_REQUEST", "message": "..."}}. Both add {@code problem} and, where
 * one is at fault, {@code column}, for clients that act on them; neither ever carries a stack trace.
 */
enum Protocol {
  V2,
  MLFLOW;

  static Protocol of(String path) {
    return path != null && (path.equals("/v2") || path.startsWith("/v2/")) ? V2 : MLFLOW;
  }

  byte[] error(ClientError e) {
    return error(e.status(), e.problem(), e.column().orElse(null), e.getMessage());
  }

  byte[] error(int status, String problem, String column, String message) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    if (this == V2) {
      o.put("error", message);
    } else {
      o.put("error_code", mlflowCode(status));
      o.put("message", message);
    }
    o.put("problem", problem);
    if (column != null) {
      o.put("column", column);
    }
    return (o.toString() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The error codes MLflow's scoring server uses for these statuses. */
  private static String mlflowCode(int status) {
    return switch (status) {
      case 404 -> "ENDPOINT_NOT_FOUND";
      case 413 -> "REQUEST_LIMIT_EXCEEDED";
      case 500, 503 -> "INTERNAL_ERROR";
      default -> "BAD_REQUEST";
    };
  }
}
