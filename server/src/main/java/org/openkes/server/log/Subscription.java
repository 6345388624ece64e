package org.openkes.server.log;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One subscriber of a log: a bounded queue of ndjson lines. Publishing never blocks, so a slow
 * client cannot stall the requests that produce events; when its queue is full the subscriber
 * misses events instead (real KES writes synchronously and would stall).
 */
public final class Subscription implements AutoCloseable {
  /** How many undelivered events a subscriber may fall behind before it misses some. */
  static final int CAPACITY = 4096;

  private static final String CLOSED = new String("closed"); // identity-compared sentinel

  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY + 1);
  private final Consumer<Subscription> onClose;
  private volatile boolean closed;

  Subscription(Consumer<Subscription> onClose) {
    this.onClose = onClose;
  }

  /** Queues a line unless the subscriber is closed or too far behind. */
  void offer(String line) {
    if (!closed && queue.remainingCapacity() > 1) {
      queue.offer(line);
    }
  }

  /**
   * The next line, waiting at most {@code timeout}; empty on timeout or once closed.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public Optional<String> next(Duration timeout) throws InterruptedException {
    if (closed) {
      return Optional.empty();
    }
    String line = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (line == null || line == CLOSED) {
      return Optional.empty();
    }
    return Optional.of(line);
  }

  public boolean isClosed() {
    return closed;
  }

  /** Stops delivery and wakes up a reader waiting in {@link #next}. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      queue.clear();
      queue.offer(CLOSED);
      onClose.accept(this);
    }
  }
}
