package dev.kiln.serve.batch;

import dev.kiln.model.features.FeatureMatrix;
import dev.kiln.model.features.SignatureMismatchException;
import dev.kiln.model.predict.Predictions;
import dev.kiln.model.predict.Predictor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Adaptive micro-batching: requests hand their encoded rows to a queue; a worker takes what is
 * queued (up to {@code maxRows}), waits at most {@code maxWaitMicros} for requests already in
 * flight (submitted but not yet queued) only while there are some, predicts the batch in one
 * call, and hands each request its rows' predictions. Alone, a request is predicted at once: the
 * wait happens only under concurrency. If a batch fails on one request's data, each request is
 * predicted alone so only the faulty one fails.
 */
public final class MicroBatcher implements Predicting {
  private final Predictor predictor;
  private final int maxRows;
  private final long maxWaitNanos;
  private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
  /** Requests that called predict and have not been answered yet. */
  private final AtomicInteger pending = new AtomicInteger();
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean closed;

  private record Job(FeatureMatrix rows, CompletableFuture<Predictions> result) {}

  public MicroBatcher(Predictor predictor, int maxRows, long maxWaitMicros, int threads, String name) {
    this.predictor = predictor;
    this.maxRows = maxRows;
    this.maxWaitNanos = TimeUnit.MICROSECONDS.toNanos(maxWaitMicros);
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(this::work, "kiln-batch-" + name + "-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  @Override
  public Predictions predict(FeatureMatrix rows) {
    if (rows.rows() >= maxRows || closed) {
      return predictor.predict(rows);
    }
    CompletableFuture<Predictions> result = new CompletableFuture<>();
    pending.incrementAndGet();
    try {
      queue.add(new Job(rows, result));
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a prediction", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pending.decrementAndGet();
    }
  }

  private void work() {
    List<Job> batch = new ArrayList<>();
    while (!closed) {
      try {
        batch.add(queue.take());
        collect(batch);
        run(batch);
      } catch (InterruptedException e) {
        break;
      } finally {
        batch.clear();
      }
    }
    drainOnClose();
  }

  private void collect(List<Job> batch) throws InterruptedException {
    int rows = batch.get(0).rows().rows();
    long deadline = System.nanoTime() + maxWaitNanos;
    while (rows < maxRows) {
      Job next = queue.poll();
      if (next == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || pending.get() <= batch.size()) {
          return;
        }
        next = queue.poll(left, TimeUnit.NANOSECONDS);
        if (next == null) {
          return;
        }
      }
      batch.add(next);
      rows += next.rows().rows();
    }
  }

  private void run(List<Job> batch) {
    if (batch.size() == 1) {
      one(batch.get(0));
      return;
    }
    Predictions all;
    try {
      all = predictor.predict(Stack.rows(batch.stream().map(Job::rows).toList()));
    } catch (SignatureMismatchException e) {
      batch.forEach(this::one);
      return;
    } catch (RuntimeException e) {
      batch.forEach(j -> j.result().completeExceptionally(e));
      return;
    }
    int at = 0;
    for (Job j : batch) {
      j.result().complete(Stack.slice(all, at, j.rows().rows()));
      at += j.rows().rows();
    }
  }

  private void one(Job j) {
    try {
      j.result().complete(predictor.predict(j.rows()));
    } catch (RuntimeException e) {
      j.result().completeExceptionally(e);
    }
  }

  private void drainOnClose() {
    for (Job j = queue.poll(); j != null; j = queue.poll()) {
      one(j);
    }
  }

  /** Stops the workers once the queue is empty; requests still queued are predicted first. */
  @Override
  public void close() {
    closed = true;
    workers.forEach(Thread::interrupt);
    for (Thread t : workers) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    drainOnClose();
  }
}
