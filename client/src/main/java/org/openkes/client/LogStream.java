package org.openkes.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.openkes.core.codec.JsonTrees;

/**
 * A live event stream ({@code /v1/log/audit}, {@code /v1/log/error}): one JSON object per line
 * as the server produces them, until the server ends it or the caller closes it.
 *
 * <p>The subscription request is sent when the stream is created, on a virtual thread, and the
 * stream is returned at once: {@link #hasNext()} waits for the server's answer and then for each
 * event. That matters because real KES v0.24 never answers these routes at all — not even with
 * headers (kes-compat.md quirk Q3, and worse than documented there) — and a caller must still be
 * able to give up. {@link #close()} may be called from any thread at any time; a waiting {@link
 * #hasNext()} then returns {@code false}.
 *
 * <p>An error answer (e.g. {@link NotAllowedException}), a broken connection or an unreadable
 * event ends the iteration with an {@link UncheckedIOException} whose cause is the {@link
 * KesException}; {@link #awaitSubscription()} gives the same as a checked exception.
 */
public final class LogStream<T> implements Iterator<T>, AutoCloseable {
  /** Turns one event object into a record. */
  @FunctionalInterface
  interface EventReader<T> {
    T read(Fields event) throws ResponseFormatException;
  }

  /** Sends the subscription request; returns the 200 response or throws its error. */
  @FunctionalInterface
  interface Subscriber {
    Exchange subscribe() throws KesException;
  }

  // Only parses trees; configured here once, never changed.

  private final EventReader<T> reader;
  private final CompletableFuture<Exchange> response = new CompletableFuture<>();
  private Thread subscriber;
  private volatile boolean closed;
  private Exchange exchange; // set once the response has arrived
  private JsonParser parser; // created on first read: creating it may wait for the first bytes
  private T next;
  private boolean done;

  private LogStream(EventReader<T> reader) {
    this.reader = reader;
  }

  static <T> LogStream<T> subscribe(Subscriber subscribe, EventReader<T> reader) {
    LogStream<T> s = new LogStream<>(reader);
    s.subscriber = Thread.ofVirtual().name("kes-log-subscription").start(() -> {
      try {
        Exchange e = subscribe.subscribe();
        if (!s.response.complete(e)) {
          e.close(); // closed meanwhile
        }
      } catch (KesException | RuntimeException e) {
        s.response.completeExceptionally(e);
      }
    });
    return s;
  }

  /**
   * Waits until the server has accepted the subscription (sent {@code 200} and its headers).
   *
   * @throws KesException the server's error (e.g. {@link NotAllowedException}) or why it could
   *     not be reached
   * @throws IllegalStateException if the stream was closed first
   */
  public void awaitSubscription() throws KesException, InterruptedException {
    try {
      response.get();
    } catch (CancellationException e) {
      throw new IllegalStateException("the log stream was closed");
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (done || closed) {
      return false;
    }
    try {
      if (exchange == null) {
        awaitSubscription();
        exchange = response.join();
      }
      if (parser == null) {
        // A Reader, not the stream: Jackson would read ahead to detect the encoding.
        parser = JsonTrees.factory()
            .createParser(new InputStreamReader(exchange.body(), StandardCharsets.UTF_8));
      }
      if (parser.nextToken() == null) {
        return end();
      }
      JsonNode node = JsonTrees.read(parser);
      next = reader.read(Fields.of(node, exchange.uri().toString()));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return end();
    } catch (IllegalStateException | KesException e) {
      return failed(e);
    } catch (JsonProcessingException e) {
      return failed(new ResponseFormatException(
          "kes: invalid event from " + exchange.uri() + ": " + e.getOriginalMessage(), e));
    } catch (IOException e) {
      return failed(TransportErrors.classify(exchange.endpoint(), e));
    }
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T t = next;
    next = null;
    return t;
  }

  /** The events as a sequential stream; closing the stream closes this. */
  public Stream<T> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(this::close);
  }

  /**
   * Ends the subscription: a request still waiting for its answer is abandoned, an open
   * connection (HTTP/1.1) or stream (HTTP/2) is closed.
   */
  @Override
  public void close() {
    closed = true;
    response.cancel(false); // wakes a waiting hasNext(); no effect once the answer is there
    subscriber.interrupt(); // aborts the HTTP request if it is still in flight
    response.thenAccept(Exchange::close);
  }

  private boolean end() {
    done = true;
    close();
    return false;
  }

  /** Ends the iteration with {@code e}, unless our own close() caused it. */
  private boolean failed(Exception e) {
    done = true;
    if (closed) {
      return false;
    }
    close();
    throw new UncheckedIOException(e instanceof KesException k ? k : new java.io.IOException(e.getMessage(), e));
  }

  private static KesException rethrow(Throwable cause) {
    if (cause instanceof KesException k) {
      return k;
    }
    if (cause instanceof RuntimeException r) {
      throw r;
    }
    throw new IllegalStateException(cause);
  }
}
