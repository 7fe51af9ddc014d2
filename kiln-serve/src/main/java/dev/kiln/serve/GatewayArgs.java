package dev.kiln.serve;

import dev.kiln.serve.batch.Batching;
import dev.kiln.serve.drift.DriftOptions;
import dev.kiln.serve.feedback.FeedbackOptions;
import dev.kiln.serve.input.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link GatewayMain}'s command line: {@code --bundle DIR [--port P] [--host H] [--max-body BYTES]
 * [--max-rows N] [--batching on|off (off)] [--batch-wait-us N] [--drain-timeout SECONDS] [--monitor on|off (on)]
 * [--feedback-key COL] [--feedback-journal N] [--feedback-max-age D] [--feedback-window D]}. Every mistake
 * is an {@link IllegalArgumentException} saying what was expected.
 */
record GatewayArgs(Path bundle, GatewayOptions options) {
  static final String USAGE = "usage: GatewayMain --bundle DIR [--port P (8080)] [--host H (0.0.0.0)] "
      + "[--max-body BYTES] [--max-rows N] [--batching on|off (on)] [--batch-wait-us N] [--drain-timeout SECONDS] "
      + "[--monitor on|off (on)] "
      + "[--feedback-key COL] [--feedback-journal N (100000)] [--feedback-max-age D (1d)] [--feedback-window D (1h)]";

  static GatewayArgs parse(String[] args) {
    Path bundle = null;
    String host = "0.0.0.0";
    int port = 8080;
    long maxBody = Limits.DEFAULT.maxBodyBytes();
    int maxRows = Limits.DEFAULT.maxRows();
    boolean batching = false;
    long waitUs = Batching.on().maxWaitMicros();
    long drain = 30;
    boolean monitor = true;
    FeedbackOptions feedback = FeedbackOptions.DEFAULT;
    List<String> a = new ArrayList<>(List.of(args));
    while (!a.isEmpty()) {
      String flag = a.remove(0);
      if (a.isEmpty()) {
        throw new IllegalArgumentException(flag.startsWith("--") ? flag + " needs a value" : "unexpected '" + flag + "'");
      }
      String v = a.remove(0);
      switch (flag) {
        case "--bundle" -> bundle = Path.of(v);
        case "--host" -> host = v;
        case "--port" -> port = (int) number(flag, v, 0, 65535);
        case "--max-body" -> maxBody = number(flag, v, 1, Long.MAX_VALUE);
        case "--max-rows" -> maxRows = (int) number(flag, v, 1, Integer.MAX_VALUE);
        case "--batching" -> batching = onOff(flag, v);
        case "--batch-wait-us" -> waitUs = number(flag, v, 0, 1_000_000);
        case "--drain-timeout" -> drain = number(flag, v, 0, 3600);
        case "--monitor" -> monitor = onOff(flag, v);
        case "--feedback-key" -> feedback = feedback.withKeyColumn(v);
        case "--feedback-journal" -> feedback = feedback.withJournal((int) number(flag, v, 1, 100_000_000),
            feedback.maxAge());
        case "--feedback-max-age" -> feedback = feedback.withJournal(feedback.journalSize(), duration(flag, v));
        case "--feedback-window" -> feedback = feedback.withWindow(duration(flag, v));
        default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
      }
    }
    if (bundle == null) {
      throw new IllegalArgumentException("--bundle DIR is required");
    }
    Batching b = batching ? new Batching(true, Batching.on().maxRows(), waitUs, Batching.on().threads()) : Batching.OFF;
    return new GatewayArgs(bundle, new GatewayOptions(host, port, new Limits(maxBody, maxRows), b, 0.5,
        Duration.ofSeconds(drain)).withDrift(monitor ? DriftOptions.DEFAULT : DriftOptions.OFF).withFeedback(feedback));
  }

  private static long number(String flag, String v, long min, long max) {
    try {
      long n = Long.parseLong(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(flag + " takes a whole number from " + min + " to " + max + ", found '" + v + "'");
  }

  private static Duration duration(String flag, String v) {
    try {
      Duration d = dev.kiln.core.config.Durations.parse(v);
      if (!d.isZero() && !d.isNegative()) {
        return d;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalArgumentException(flag + " takes a duration longer than 0 (30s, 15m, 1h, 1d), found '" + v + "'");
  }

  static boolean onOff(String flag, String v) {
    return switch (v) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException(flag + " takes on or off, found '" + v + "'");
    };
  }
}
