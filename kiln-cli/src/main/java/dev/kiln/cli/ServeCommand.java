package dev.kiln.cli;

import dev.kiln.core.config.Durations;
import dev.kiln.core.load.PipelineParser;
import dev.kiln.core.step.StepRegistry;
import dev.kiln.release.registry.ModelCheckout;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.registry.RegistryException;
import dev.kiln.serve.CheckedOutBundles;
import dev.kiln.serve.DeploymentFollower;
import dev.kiln.serve.RolloutController;
import dev.kiln.release.environment.Deployer;
import dev.kiln.core.pipeline.Pipeline;
import dev.kiln.serve.EnvironmentMonitor;
import dev.kiln.serve.Gateway;
import dev.kiln.serve.monitor.Monitor;
import dev.kiln.serve.monitor.MonitorConfig;
import dev.kiln.serve.monitor.MonitorSection;
import dev.kiln.serve.GatewayOptions;
import dev.kiln.serve.batch.Batching;
import dev.kiln.serve.drift.DriftOptions;
import dev.kiln.serve.requestlog.RequestLogOptions;
import dev.kiln.serve.feedback.FeedbackOptions;
import dev.kiln.serve.input.Limits;
import dev.kiln.serve.route.LoadRefusedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln serve}: the inference gateway for a bundle, a registered version, or an environment. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Serve a model over HTTP: Open Inference Protocol v2 and MLflow's scoring protocol.",
        "",
        "Serves one of: a bundle directory (--bundle, verified before anything is loaded), a registered "
            + "version (MODEL_REF: name:3 or name@production), or an environment (--env: what the store says "
            + "it runs, followed without a restart; the gateway carries out the rollouts kiln deploy records). "
            + "Endpoints: /v2/models/NAME/infer, /invocations, /v2/health/ready, /ping, /metrics (Prometheus), "
            + "/feedback (true labels, posted later by the X-Request-Id each answer carries; GET: live accuracy).",
        "With --env, a monitor: section in the project's kiln.yaml for that environment is judged here: its "
            + "window and window-rows set the drift windows (unless --monitor-window or --monitor-rows say "
            + "otherwise), and its rules' actions run from this gateway (log, webhook, rollback, retrain). See "
            + "docs/monitoring.md.",
        "Prints 'kiln gateway ready on http://HOST:PORT' once it takes requests; on Ctrl-C or SIGTERM it "
            + "finishes the requests in flight and exits 0. See docs/serving.md."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  kiln serve credit-risk@production --port 8080",
        "  kiln serve --env staging        follows the staging alias of the model that",
        "                                  the project's register stage registers",
        "  kiln serve --bundle build/bundle --host 0.0.0.0",
        "  kiln serve credit-risk@production --log-requests logs/ --log-sample 0.05 --redact ssn,name",
        "  curl -s localhost:8080/invocations -H 'Content-Type: application/json' \\",
        "       -d '{\"dataframe_records\": [{\"age\": 41, \"income\": 52.5}]}'"})
final class ServeCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL_REF", description = "A registered version: name:3 or name@alias.")
  String ref;

  @Option(names = "--env", paramLabel = "ENV", description = "Serve and follow the version behind MODEL@ENV.")
  String env;

  @Option(names = "--model", paramLabel = "NAME",
      description = "With --env: the model (default: the environment's, else the project's register stage's).")
  String model;

  @Option(names = "--bundle", paramLabel = "DIR", description = "Serve a bundle directory (kiln package --bundle).")
  String bundle;

  @Option(names = "--port", paramLabel = "P", description = "Port (default: 8080; 0 picks a free one).")
  int port = 8080;

  @Option(names = "--host", paramLabel = "H", description = "Address to listen on (default: 127.0.0.1; 0.0.0.0 for all).")
  String host = "127.0.0.1";

  @Option(names = "--poll", paramLabel = "DURATION", description = "With --env: how often to read the store (default: 1s).")
  String poll = "1s";

  @Option(names = "--max-body", paramLabel = "BYTES", description = "Largest request body (default: 16 MiB); past it: 413.")
  long maxBody = Limits.DEFAULT.maxBodyBytes();

  @Option(names = "--max-rows", paramLabel = "N", description = "Most rows per request (default: 10000); past it: 413.")
  int maxRows = Limits.DEFAULT.maxRows();

  @Option(names = "--batching", paramLabel = "on|off", description = "Micro-batch concurrent requests (default: off).")
  String batching = "off";

  @Option(names = "--batch-wait-us", paramLabel = "N", description = "With batching: the longest wait for requests in flight (default: 200).")
  long batchWaitMicros = Batching.on().maxWaitMicros();

  @Option(names = "--no-monitor", description = "Do not watch live drift (on by default: GET /monitor, kiln_feature_* gauges).")
  boolean noMonitor;

  @Option(names = "--monitor-window", paramLabel = "DURATION",
      description = "A drift window closes once this old and holding --monitor-min-rows rows (default: 1m).")
  String monitorWindow = "1m";

  @Option(names = "--monitor-rows", paramLabel = "N", description = "A drift window closes at this many rows (default: 10000).")
  int monitorRows = DriftOptions.DEFAULT.maxRows();

  @Option(names = "--monitor-min-rows", paramLabel = "N",
      description = "Fewest rows a drift window closed by time is tested on (default: 100).")
  int monitorMinRows = DriftOptions.DEFAULT.minRows();

  @Option(names = "--log-requests", paramLabel = "DIR",
      description = "Log a sample of requests with their predictions as JSON Lines in DIR (default: no log).")
  String logRequests;

  @Option(names = "--log-sample", paramLabel = "SHARE", description = "With --log-requests: the share of requests logged (default: 0.01).")
  double logSample = RequestLogOptions.DEFAULT_SAMPLE;

  @Option(names = "--log-max-size", paramLabel = "SIZE",
      description = "With --log-requests: the largest log file, e.g. 64MB, 512KB (default: 64MB).")
  String logMaxSize = "64MB";

  @Option(names = "--log-max-files", paramLabel = "N",
      description = "With --log-requests: log files kept, the oldest deleted (default: 10).")
  int logMaxFiles = RequestLogOptions.DEFAULT_MAX_FILES;

  @Option(names = "--redact", paramLabel = "COL,COL", split = ",",
      description = "With --log-requests: columns whose values the log writes as null.")
  java.util.List<String> redact = new java.util.ArrayList<>();

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  /** The project's monitor: section when it watches the environment served, and the pipeline it retrains. */
  private record Watch(String pipeline, MonitorConfig config) {}

  private Optional<Watch> watch = Optional.empty();

  @Option(names = "--feedback-key", paramLabel = "COL",
      description = "Match POST /feedback labels by this column's value (required in every request) instead of by "
          + "X-Request-Id.")
  String feedbackKey;

  @Option(names = "--feedback-journal", paramLabel = "N",
      description = "Most predictions kept for late labels (default: 100000; the oldest are evicted).")
  int feedbackJournal = FeedbackOptions.DEFAULT.journalSize();

  @Option(names = "--feedback-max-age", paramLabel = "DURATION",
      description = "How long a prediction waits for its label (default: 1d).")
  String feedbackMaxAge = "1d";

  @Option(names = "--feedback-window", paramLabel = "DURATION",
      description = "Length of the live-accuracy windows, by label-arrival time (default: 1h).")
  String feedbackWindow = "1h";

  @Override
  public Integer call() throws Exception {
    watch = env == null ? Optional.empty() : monitorOf(env);
    GatewayOptions options = options();
    int sources = (ref != null ? 1 : 0) + (env != null ? 1 : 0) + (bundle != null ? 1 : 0);
    if (sources != 1) {
      throw new UsageException("name what to serve, once: MODEL_REF, --env ENV or --bundle DIR");
    }
    if (model != null && env == null) {
      throw new UsageException("--model goes with --env (MODEL_REF already names the model)");
    }
    Duration every = pollInterval();
    Gateway gateway;
    try {
      gateway = Gateway.start(options, m -> root.out.println("kiln gateway: " + m));
    } catch (RuntimeException e) {
      throw new UsageException("cannot listen on " + host + ":" + port + ": " + dev.kiln.core.Failures.describe(e));
    }
    try {
      return serve(gateway, every);
    } catch (LoadRefusedException e) {
      root.err.println("kiln: refused: " + e.getMessage());
      gateway.close();
      return ExitCodes.FAILED;
    } catch (RuntimeException e) {
      gateway.close();
      throw e;
    }
  }

  private Optional<Watch> monitorOf(String environment) {
    Path dir;
    try {
      dir = Project.locate(root.projectDir);
    } catch (UsageException e) {
      return Optional.empty();
    }
    Pipeline p = new PipelineParser(StepRegistry.load()).load(dir);
    return MonitorSection.of(p).filter(c -> c.environment().equals(environment)).map(c -> new Watch(p.name(), c));
  }

  private EnvironmentMonitor startMonitor(Gateway gateway, String name, Deployer deployer, StoreAccess access) {
    Watch w = watch.orElseThrow();
    EnvironmentMonitor m = EnvironmentMonitor.start(gateway, name, w.config(), new Monitor.Services(
        access.store.alerts(), deployer, access.store.environments(), access.store.runQueue(), w.pipeline(),
        System::getenv, l -> root.out.println("kiln gateway: monitor: " + l), root.clock),
        access.store.monitorWindows(), root.clock);
    root.out.println("kiln gateway: monitoring " + env + " with " + w.config().rules().size() + " rule(s) of "
        + w.pipeline() + "'s kiln.yaml (windows of " + Durations.format(w.config().window())
        + w.config().windowRows().map(r -> " or " + r + " rows").orElse("") + ")");
    return m;
  }

  private int serve(Gateway gateway, Duration every) throws LoadRefusedException {
    if (bundle != null) {
      gateway.deploy(Path.of("").toAbsolutePath().resolve(bundle));
      return block(gateway, null, null, null);
    }
    StoreAccess access = StoreAccess.open(root);
    try {
      CheckedOutBundles bundles = new CheckedOutBundles(new ModelCheckout(access.artifacts(),
          access.project().resolve(".kiln")), access.project().resolve(".kiln").resolve("bundles"), KilnVersion.get());
      if (ref != null) {
        gateway.deploy(bundles.bundle(access.store.registry().resolve(ModelRef.parse(ref))));
        return block(gateway, null, null, access);
      }
      String name = model != null ? model : access.store.environments().find(env)
          .map(dev.kiln.release.environment.Deployment::model)
          .orElseGet(() -> ServeModelName.of(new PipelineParser(StepRegistry.load()).load(access.project())));
      DeploymentFollower follower = new DeploymentFollower(access.store.environments(), access.store.registry(), name,
          env, bundles, gateway, m -> root.out.println("kiln gateway: " + m));
      Deployer deployer = new Deployer(access.store.environments(), access.store.registry(), root.clock);
      RolloutController controller = new RolloutController(follower, deployer, access.store.controllerLeases(),
          gateway.windows(), root.clock,
          "gateway " + Hosts.name() + ":" + gateway.port() + " (pid " + ProcessHandle.current().pid() + ")",
          m -> root.out.println("kiln gateway: " + m));
      controller.tick();
      controller.run(every);
      root.out.println("kiln gateway: following " + name + " in " + env + " (reading the store every "
          + Durations.format(every) + "; rollouts in it are carried out here)");
      EnvironmentMonitor monitor = watch.isPresent() ? startMonitor(gateway, name, deployer, access) : null;
      return block(gateway, controller, monitor, access);
    } catch (RegistryException | IllegalArgumentException e) {
      access.close();
      throw new UsageException(e.getMessage());
    } catch (java.io.IOException e) {
      access.close();
      throw new java.io.UncheckedIOException(e);
    } catch (LoadRefusedException | RuntimeException e) {
      access.close();
      throw e;
    }
  }

  /** Prints the ready line and waits for SIGTERM or Ctrl-C; then drains and exits 0. */
  private int block(Gateway gateway, RolloutController follower, EnvironmentMonitor monitor, StoreAccess access) {
    CountDownLatch stopped = new CountDownLatch(1);
    if (root.standalone) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        root.out.println("kiln gateway: stopping: finishing the requests in flight");
        if (follower != null) {
          follower.close();
        }
        if (monitor != null) {
          monitor.close();
        }
        gateway.close();
        if (access != null) {
          access.close();
        }
        root.out.println("kiln gateway: stopped");
        root.out.flush();
        Runtime.getRuntime().halt(ExitCodes.OK);
      }, "kiln-serve-drain"));
    }
    root.out.println("kiln gateway ready on " + gateway.url());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  private GatewayOptions options() {
    try {
      Batching b = switch (batching) {
        case "on" -> new Batching(true, Batching.on().maxRows(), batchWaitMicros, Batching.on().threads());
        case "off" -> Batching.OFF;
        default -> throw new IllegalArgumentException("--batching takes on or off, found '" + batching + "'");
      };
      FeedbackOptions f = FeedbackOptions.DEFAULT.withKeyColumn(feedbackKey)
          .withJournal(feedbackJournal, positive("--feedback-max-age", feedbackMaxAge))
          .withWindow(positive("--feedback-window", feedbackWindow));
      return GatewayOptions.defaults(host, port).withLimits(new Limits(maxBody, maxRows)).withBatching(b)
          .withDrift(driftOptions()).withRequestLog(requestLogOptions()).withFeedback(f);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The drift options given, else the monitor section's window and window-rows, else the defaults. */
  private DriftOptions driftOptions() {
    Duration window;
    try {
      window = Durations.parse(monitorWindow);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--monitor-window: " + e.getMessage());
    }
    int rows = monitorRows;
    int minRows = monitorMinRows;
    if (watch.isPresent()) {
      MonitorConfig c = watch.get().config();
      window = given("--monitor-window") ? window : c.window();
      rows = given("--monitor-rows") ? rows : c.windowRows().map(Long::intValue).orElse(rows);
      minRows = given("--monitor-min-rows") ? minRows : Math.min(minRows, rows);
    }
    return new DriftOptions(!noMonitor, window, rows, minRows);
  }

  private boolean given(String option) {
    return spec != null && spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  private RequestLogOptions requestLogOptions() {
    if (logRequests == null) {
      return RequestLogOptions.OFF;
    }
    return RequestLogOptions.into(Path.of("").toAbsolutePath().resolve(logRequests)).withSample(logSample)
        .withFiles(ByteSizes.parse("--log-max-size", logMaxSize), logMaxFiles)
        .withRedact(new java.util.LinkedHashSet<>(redact.stream().map(String::trim).filter(c -> !c.isEmpty()).toList()));
  }

  private static Duration positive(String option, String text) {
    Duration d = Durations.parse(text);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(option + " must be longer than 0");
    }
    return d;
  }

  private Duration pollInterval() {
    try {
      Duration d = Durations.parse(poll);
      if (d.isZero()) {
        throw new IllegalArgumentException("--poll must be longer than 0");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
