package dev.kiln.serve.feedback;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One true label from a {@code POST /feedback} body: where it sits in the body ({@code labels[i]}),
 * the journal key it names (a request id, {@code id#row}, or a key column's value) and the label
 * as sent (a string, number or boolean; checked against the model once the prediction is found).
 */
record Label(int index, String key, JsonNode value) {

  String where() {
    return "labels[" + index + "]";
  }
}
