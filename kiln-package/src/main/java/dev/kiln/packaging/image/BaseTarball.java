package dev.kiln.packaging.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.core.fingerprint.CanonicalJson;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A base image tarball as Jib reads one: a Docker archive ({@code docker save}, with
 * {@code manifest.json}) is used as it is; an OCI archive ({@code index.json} and
 * {@code blobs/}) gets a {@code manifest.json} naming its config and layer blobs appended to a
 * copy, which makes it a Docker archive too.
 */
final class BaseTarball {
  private BaseTarball() {}

  static Path asDockerArchive(Path tar, Path staging) throws IOException {
    Map<String, byte[]> json = TarFiles.read(tar, n -> n.equals("manifest.json") || n.equals("index.json"));
    if (json.containsKey("manifest.json")) {
      return tar;
    }
    if (!json.containsKey("index.json")) {
      throw new ImageException(tar + " is neither a Docker archive (manifest.json) nor an OCI archive (index.json)");
    }
    JsonNode first = CanonicalJson.MAPPER.readTree(json.get("index.json")).path("manifests").path(0);
    if (first.path("mediaType").asText().contains("index")) {
      throw new ImageException(tar + " holds an index of several images: export one platform's image");
    }
    String manifestBlob = "blobs/sha256/" + first.path("digest").asText().substring("sha256:".length());
    byte[] m = TarFiles.read(tar, manifestBlob::equals).get(manifestBlob);
    if (m == null) {
      throw new ImageException(tar + ": index.json names " + manifestBlob + ", which it does not hold");
    }
    JsonNode manifest = CanonicalJson.MAPPER.readTree(m);
    List<String> layers = new ArrayList<>();
    manifest.path("layers").forEach(l -> layers.add("blobs/sha256/" + l.path("digest").asText().substring(7)));
    String config = "blobs/sha256/" + manifest.path("config").path("digest").asText().substring(7);
    byte[] docker = CanonicalJson.MAPPER.writeValueAsBytes(List.of(Map.of("Config", config,
        "RepoTags", List.of("base:latest"), "Layers", layers)));
    Path out = staging.resolve("base-docker.tar");
    try (InputStream in = new BufferedInputStream(Files.newInputStream(tar)); OutputStream o = Files.newOutputStream(out)) {
      copyEntries(in, o);
      o.write(header("manifest.json", docker.length));
      o.write(docker);
      o.write(new byte[(int) ((512 - docker.length % 512) % 512)]);
      o.write(new byte[1024]);
    }
    return out;
  }

  private static void copyEntries(InputStream in, OutputStream o) throws IOException {
    byte[] header = new byte[512];
    while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
      long size = Long.parseLong(new String(header, 124, 11, StandardCharsets.US_ASCII).trim(), 8);
      o.write(header);
      long body = (size + 511) / 512 * 512;
      byte[] buf = new byte[1 << 16];
      while (body > 0) {
        int r = in.read(buf, 0, (int) Math.min(buf.length, body));
        if (r < 0) {
          throw new IOException("truncated tar");
        }
        o.write(buf, 0, r);
        body -= r;
      }
    }
  }

  private static byte[] header(String name, long size) {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, "0000644");
    put(h, 108, "0000000");
    put(h, 116, "0000000");
    put(h, 124, String.format("%011o", size));
    put(h, 136, String.format("%011o", 1L));
    h[156] = '0';
    put(h, 257, "ustar");
    put(h, 263, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum));
    h[154] = 0;
    h[155] = ' ';
    return h;
  }

  private static void put(byte[] h, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, at, b.length);
  }
}
