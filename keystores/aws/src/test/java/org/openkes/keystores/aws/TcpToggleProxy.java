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

  synchronized void off() throws IOException {
    if (listener != null) {
      listener.close();
      listener = null;
    }
    for (Socket s : open) {
      s.close();
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
    Thread.ofVirtual().name("proxy-accept").start(() -> {
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
          open.add(client);
          open.add(upstream);
          pump(client, upstream);
          pump(upstream, client);
        } catch (IOException e) {
          // closed by off(), or the target refused: the client sees its connection end
        }
      }
    });
  }

  private void pump(Socket from, Socket to) {
    Thread.ofVirtual().name("proxy-pump").start(() -> {
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

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
