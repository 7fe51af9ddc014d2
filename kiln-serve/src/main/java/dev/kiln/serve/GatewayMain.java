package dev.kiln.serve;

import dev.kiln.serve.route.LoadRefusedException;
import java.io.PrintStream;

/**
 * The standalone gateway, the entry point of Kiln's images: {@code java -cp JARS
 * dev.kiln.serve.GatewayMain --bundle DIR [--port P] [--host H]} serves one bundle (verified
 * before anything is loaded), prints {@code kiln gateway ready on http://H:P} once it takes
 * requests, and on SIGTERM or SIGINT drains the requests in flight and exits 0. Exit 2 for bad
 * arguments or an address it cannot listen on, 1 for a bundle it refuses. It needs kiln-serve's
 * runtime classpath and the jars of the one model backend the bundle uses; no DuckDB, no CLI.
 */
public final class GatewayMain {
  private GatewayMain() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    GatewayArgs parsed;
    try {
      parsed = GatewayArgs.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("kiln gateway: " + e.getMessage());
      err.println(GatewayArgs.USAGE);
      System.exit(2);
      return;
    }
    System.exit(run(parsed, out, err));
  }

  static int run(GatewayArgs a, PrintStream out, PrintStream err) {
    Gateway g;
    try {
      g = Gateway.start(a.options(), m -> out.println("kiln gateway: " + m));
    } catch (RuntimeException e) {
      err.println("kiln gateway: cannot listen on " + a.options().host() + ":" + a.options().port() + ": "
          + dev.kiln.core.Failures.describe(e));
      return 2;
    }
    try {
      g.deploy(a.bundle());
    } catch (LoadRefusedException e) {
      err.println("kiln gateway: refused: " + e.getMessage());
      g.close();
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println("kiln gateway: stopping: draining " + g.router().table().models().size() + " model(s)");
      g.close();
      out.println("kiln gateway: stopped");
      out.flush();
      Runtime.getRuntime().halt(0);
    }, "kiln-gateway-drain"));
    out.println("kiln gateway ready on " + g.url());
    out.flush();
    return waitForever();
  }

  private static int waitForever() {
    try {
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
