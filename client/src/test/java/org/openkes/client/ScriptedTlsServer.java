package org.openkes.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;

/**
 * A TLS server that answers each HTTP/1.1 request with bytes a test writes by hand: for the
 * framing, keep-alive and failure cases no real server produces on demand. Requires a client
 * certificate, as KES does.
 */
final class ScriptedTlsServer implements AutoCloseable {
  /** What to send back: raw bytes, then whether to close the connection. */
  record Answer(String raw, boolean close, long delayMillis) {
    static Answer of(String raw) {
      return new Answer(raw, false, 0);
    }

    static Answer closing(String raw) {
      return new Answer(raw, true, 0);
    }

    /** A 200 with a JSON body and its length. */
    static Answer json(String json) {
      return of("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
          + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json);
    }
  }

  /** A request as received, with the number of the connection it came on (from 1). */
  record Received(int connection, String head, String body) {}

  @FunctionalInterface
  interface Script {
    Answer answer(Received request);
  }

  private final SSLServerSocket socket;
  private final FakeKesServer.ServerTls tls;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());
  private volatile Script script;

  ScriptedTlsServer(Script script) throws Exception {
    this.tls = FakeKesServer.ServerTls.create(List.of("localhost"), List.of(InetAddress.getByName("127.0.0.1")));
    this.socket = (SSLServerSocket) tls.context().getServerSocketFactory()
        .createServerSocket(0, 16, InetAddress.getByName("127.0.0.1"));
    this.socket.setNeedClientAuth(true);
    this.script = script;
    Thread.ofPlatform().daemon().start(this::accept);
  }

  Endpoint endpoint() {
    return Endpoint.parse("127.0.0.1:" + socket.getLocalPort());
  }

  FakeKesServer.ServerTls tls() {
    return tls;
  }

  void script(Script s) {
    this.script = s;
  }

  int connections() {
    return connections.get();
  }

  List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        accepted.add(s);
        int n = connections.incrementAndGet();
        Thread.ofPlatform().daemon().start(() -> serve(s, n));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket s, int connection) {
    try (s) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        int length = 0;
        for (String line : head.split("\r\n")) {
          if (line.toLowerCase().startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).strip());
          }
        }
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        Received r = new Received(connection, head, body);
        received.add(r);
        Answer a = script.answer(r);
        if (a.delayMillis() > 0) {
          Thread.sleep(a.delayMillis());
        }
        out.write(a.raw().getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (a.close()) {
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // the client went away
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    for (int b; (b = in.read()) >= 0; ) {
      head.write(b);
      matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
      if (matched == 4) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    socket.close();
    synchronized (accepted) {
      for (Socket s : accepted) {
        s.close();
      }
    }
  }
}
