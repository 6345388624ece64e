package org.openkes.keystores.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP forwarder that can be switched off and on, to cut a keystore off from its
 * real server the way a network outage does: while off, connections are refused and the
 * open ones are dropped; on again, the same port accepts again.
 */
final class TcpToggleProxy implements AutoCloseable {
  private final int targetPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final int port;
  private ServerSocket listener;

  private TcpToggleProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = bind(0);
    this.port = listener.getLocalPort();
    accept(listener);
  }

  static TcpToggleProxy to(int targetPort) throws IOException {
    return new TcpToggleProxy(targetPort);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /**
   * Refuses new connections and drops the open ones. Returns only when every proxy thread has
   * ended, so that no socket is still half-closed when the caller's next request goes out.
   */
  void off() throws IOException {
    synchronized (this) {
      if (listener != null) {
        listener.close();
        listener = null;
      }
      for (Socket s : open) {
        s.close();
      }
    }
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while stopping the proxy", e);
      }
    }
    open.clear();
  }

  synchronized void on() throws IOException {
    if (listener == null) {
      listener = bind(port);
      accept(listener);
    }
  }

  @Override
  public void close() throws IOException {
    off();
  }

  private static ServerSocket bind(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return s;
  }

  private void accept(ServerSocket server) {
    start("proxy-accept", () -> {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Socket upstream;
          try {
            upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
          } catch (IOException e) {
            closeQuietly(client);
            continue;
          }
          synchronized (this) {
            if (server.isClosed()) { // off() came between accept and here
              closeQuietly(client);
              closeQuietly(upstream);
              return;
            }
            open.add(client);
            open.add(upstream);
            pump(client, upstream);
            pump(upstream, client);
          }
        } catch (IOException e) {
          // closed by off(), or the target refused: the client sees its connection end
        }
      }
    });
  }

  private void pump(Socket from, Socket to) {
    start("proxy-pump", () -> {
      byte[] buf = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    });
  }

  /** Platform threads: closing a socket a platform thread is blocked on takes effect at once. */
  private void start(String name, Runnable r) {
    Thread t = Thread.ofPlatform().name(name).daemon().unstarted(() -> {
      try {
        r.run();
      } finally {
        threads.remove(Thread.currentThread());
      }
    });
    threads.add(t);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
