package dev.kiln.core.fingerprint;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiln.core.hash.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything that defines a stage's result (DESIGN §2): its command or step and configuration,
 * the content of its deps, the values of its params, its declared env and output paths, and the
 * live inputs its step reads when it is decided (upstream metrics, a baseline version). The
 * fingerprint is the SHA-256 of this record's canonical JSON; the record itself is stored with
 * each stage execution so that {@code kiln status} can say <em>what</em> changed. Live inputs are
 * left out of the JSON when there are none, so stages without them keep their fingerprints.
 */
public record StageInputs(
    int format,
    Map<String, Object> action,
    Map<String, String> deps,
    Map<String, Object> params,
    Map<String, String> env,
    List<String> outs,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> live) {

  /** Bump when the meaning of a fingerprint changes, so old results are not reused. */
  public static final int FORMAT = 1;

  public StageInputs {
    action = new TreeMap<>(action);
    deps = new TreeMap<>(deps);
    params = new TreeMap<>(params);
    env = new TreeMap<>(env);
    outs = List.copyOf(outs);
    live = live == null ? Map.of() : new TreeMap<>(live);
  }

  public StageInputs(int format, Map<String, Object> action, Map<String, String> deps, Map<String, Object> params,
      Map<String, String> env, List<String> outs) {
    this(format, action, deps, params, env, outs, Map.of());
  }

  public String toJson() {
    return CanonicalJson.write(this);
  }

  public static StageInputs fromJson(String json) {
    return CanonicalJson.read(json, StageInputs.class);
  }

  public String fingerprint() {
    return Digest.ofBytes(toJson().getBytes(StandardCharsets.UTF_8)).hex();
  }
}
