package dev.kiln.serve.monitor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook body's signature as GitHub signs its own: {@code sha256=} and the lowercase hex
 * HMAC-SHA256 of the raw body under the shared secret, sent as {@code X-Kiln-Signature}.
 */
public final class Signature {
  public static final String HEADER = "X-Kiln-Signature";

  private Signature() {}

  public static String sign(byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** Whether {@code header} is the signature of {@code body} under {@code secret}, compared in constant time. */
  public static boolean verify(byte[] body, String secret, String header) {
    return header != null && java.security.MessageDigest.isEqual(sign(body, secret).getBytes(StandardCharsets.UTF_8),
        header.getBytes(StandardCharsets.UTF_8));
  }
}
