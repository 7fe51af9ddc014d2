package dev.kiln.serve.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.core.fingerprint.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code webhook}: the alert as JSON, POSTed through {@link Webhooks} and signed with the secret
 * from the environment variable {@code secret-env}; it reports when the delivery ends. A secret
 * variable that is not set fails the action rather than sending the alert unsigned.
 */
final class WebhookAction implements MonitorAction {
  private final ActionSpec.Webhook hook;
  private final Webhooks webhooks;
  private final Function<String, String> env;

  WebhookAction(ActionSpec.Webhook hook, Webhooks webhooks, Function<String, String> env) {
    this.hook = hook;
    this.webhooks = webhooks;
    this.env = env;
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public void run(Alarm a, Done done) {
    Optional<String> secret = hook.secretEnv().map(env);
    if (hook.secretEnv().isPresent() && (secret.isEmpty() || secret.get().isEmpty())) {
      done.report("failed", "not sent to " + hook.url() + ": the environment variable " + hook.secretEnv().get()
          + " (secret-env) is not set");
      return;
    }
    byte[] body = body(a);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Kiln-Event", "alert");
    headers.put("X-Kiln-Delivery", Long.toString(a.alertId()));
    secret.ifPresent(s -> headers.put(Signature.HEADER, Signature.sign(body, s)));
    webhooks.post(hook, body, headers).thenAccept(d -> done.report(d.delivered() ? "ok" : "failed", "POST "
        + hook.url() + ": " + d.last() + (d.attempts() == 1 ? "" : " after " + d.attempts() + " attempts")
        + (secret.isPresent() ? "" : " (unsigned)")));
  }

  /** The alert as JSON with sorted keys: alert id, environment, model, version, rule, at, summary, evidence. */
  static byte[] body(Alarm a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("alert", a.alertId());
    m.put("environment", a.environment());
    m.put("model", a.model());
    m.put("version", a.version());
    m.put("rule", a.rule());
    m.put("at", a.at().toString());
    m.put("summary", a.summary());
    try {
      m.put("evidence", CanonicalJson.MAPPER.readTree(a.evidenceJson()));
    } catch (JsonProcessingException e) {
      m.put("evidence", a.evidenceJson());
    }
    return CanonicalJson.write(m).getBytes(StandardCharsets.UTF_8);
  }
}
