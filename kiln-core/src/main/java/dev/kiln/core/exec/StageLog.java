package dev.kiln.core.exec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stage's output: each line goes to the listener (live, prefixed by the CLI) and to the log
 * file {@code .kiln/runs/RUN/STAGE.log}. Also offered to steps as a {@link PrintStream}.
 */
final class StageLog implements AutoCloseable {
  private final String stage;
  private final RunListener listener;
  private final BufferedWriter file;
  private final PrintStream stream;
  private final LineSplitter splitter;

  StageLog(String stage, Path logFile, RunListener listener) throws IOException {
    this.stage = stage;
    this.listener = listener;
    Files.createDirectories(logFile.getParent());
    this.file = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
    this.splitter = new LineSplitter(this);
    this.stream = new PrintStream(splitter, true, StandardCharsets.UTF_8);
  }

  synchronized void line(String text) {
    try {
      file.write(text);
      file.write('\n');
      file.flush();
    } catch (IOException e) {
      // a full disk must not stop the stage; the listener still gets the line
    }
    listener.on(new RunEvent.StageOutput(stage, text));
  }

  PrintStream stream() {
    return stream;
  }

  @Override
  public synchronized void close() throws IOException {
    stream.flush();
    splitter.finish();
    file.close();
  }

  /** Turns bytes written by a step into lines. */
  private static final class LineSplitter extends OutputStream {
    private final StageLog log;
    private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

    LineSplitter(StageLog log) {
      this.log = log;
    }

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        log.line(pending.toString(StandardCharsets.UTF_8));
        pending.reset();
      } else {
        pending.write(b);
      }
    }

    synchronized void finish() {
      if (pending.size() > 0) {
        log.line(pending.toString(StandardCharsets.UTF_8));
        pending.reset();
      }
    }
  }
}
