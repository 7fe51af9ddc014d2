package dev.kiln.serve.monitor;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntUnaryOperator;

/** A webhook receiver on loopback: records every delivery and answers with the status the test chooses per attempt. */
final class Receiver implements AutoCloseable {
  record Received(byte[] body, String signature, String event, long nanos) {}

  private final HttpServer server;
  final List<Received> received = new CopyOnWriteArrayList<>();

  /** {@code status} maps the attempt number (1, 2, ...) to the answer; {@code delayMillis} holds each answer back. */
  Receiver(IntUnaryOperator status, long delayMillis) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/hook", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      received.add(new Received(body, ex.getRequestHeaders().getFirst("X-Kiln-Signature"),
          ex.getRequestHeaders().getFirst("X-Kiln-Event"), System.nanoTime()));
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.sendResponseHeaders(status.applyAsInt(received.size()), -1);
      ex.close();
    });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
