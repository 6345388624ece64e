package org.openkes.server.log;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The subscribers of one log; events go to all of them (KES's {@code api.Multicast}). */
final class Subscribers {
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  Subscription add() {
    Subscription s = new Subscription(subscriptions::remove);
    subscriptions.add(s);
    return s;
  }

  boolean isEmpty() {
    return subscriptions.isEmpty();
  }

  void publish(String line) {
    for (Subscription s : subscriptions) {
      s.offer(line);
    }
  }

  /** Ends every subscription (server shutdown). */
  void closeAll() {
    for (Subscription s : subscriptions) {
      s.close();
    }
  }
}
