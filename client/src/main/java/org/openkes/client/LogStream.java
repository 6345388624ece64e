package org.openkes.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A live event stream ({@code /v1/log/audit}, {@code /v1/log/error}): one JSON object per line
 * as the server produces them, until the server ends it or the caller closes it. {@link
 * #hasNext()} blocks until the next event arrives.
 *
 * <p>{@link #close()} may be called from any thread, also while another thread waits in {@link
 * #hasNext()}, which then returns {@code false}. A broken connection or an unreadable event ends
 * the iteration with an {@link UncheckedIOException} whose cause is a {@link KesException}.
 *
 * <p>Real KES v0.24 never delivers events on these streams (kes-compat.md quirk Q3): against it,
 * a stream stays open and silent until closed.
 */
public final class LogStream<T> implements Iterator<T>, AutoCloseable {
  /** Turns one event object into a record. */
  @FunctionalInterface
  interface EventReader<T> {
    T read(Fields event) throws ResponseFormatException;
  }

  // Only parses trees; configured here once, never changed.
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Exchange exchange;
  private final EventReader<T> reader;
  private JsonParser parser; // created on first use: creating it may wait for the first bytes
  private volatile boolean closed;
  private T next;
  private boolean done;

  LogStream(Exchange exchange, EventReader<T> reader) {
    this.exchange = exchange;
    this.reader = reader;
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
      if (parser == null) {
        // A Reader, not the stream: Jackson would read ahead to detect the encoding.
        parser = MAPPER.createParser(new InputStreamReader(exchange.body(), StandardCharsets.UTF_8));
      }
      JsonToken t = parser.nextToken();
      if (t == null) {
        done = true;
        close();
        return false;
      }
      JsonNode node = MAPPER.readTree(parser);
      next = reader.read(Fields.of(node, exchange.uri().toString()));
      return true;
    } catch (ResponseFormatException e) {
      done = true;
      close();
      throw new UncheckedIOException(e);
    } catch (IOException e) {
      done = true;
      if (closed) {
        return false; // our own close() cut the read short
      }
      close();
      KesException k = e instanceof com.fasterxml.jackson.core.JsonProcessingException
          ? new ResponseFormatException("kes: invalid event from " + exchange.uri() + ": " + e.getMessage(), e)
          : TransportErrors.classify(exchange.endpoint(), e);
      throw new UncheckedIOException(k);
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

  /** Ends the subscription: the connection (HTTP/1.1) or stream (HTTP/2) is closed. */
  @Override
  public void close() {
    closed = true;
    exchange.close();
  }
}
