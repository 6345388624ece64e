package org.openkes.client;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Spreads requests over several endpoints the way the SDK's {@code loadBalancer.Send} does:
 *
 * <ol>
 *   <li>Endpoints are ordered: this host, then attached networks, then the rest.
 *   <li>If the first endpoint is on this host and not parked, it gets the request.
 *   <li>Otherwise (or if it fails) the endpoints are tried once each, starting at a random one,
 *       skipping parked ones unless the request may probe them.
 *   <li>A transport error or a 5xx other than 501 parks the endpoint for 30 s and moves on.
 *   <li>If every endpoint was skipped as parked, all are tried once more regardless.
 * </ol>
 *
 * The last outcome is returned: the response (even a 5xx) or the transport error. With a single
 * endpoint nothing of this applies and nothing is ever parked, as in the SDK.
 */
final class LoadBalancer {
  /** One request against one endpoint. */
  @FunctionalInterface
  interface Attempt {
    Exchange send(Endpoint endpoint) throws KesException;
  }

  private final List<EndpointHealth> endpoints;
  private final RandomGenerator random;

  LoadBalancer(List<Endpoint> endpoints, NetworkView network, InstantSource clock, RandomGenerator random) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("kes: no server endpoint");
    }
    List<EndpointHealth> list = new ArrayList<>();
    for (Endpoint e : endpoints) {
      // The SDK classifies only to choose among several; one endpoint needs no DNS lookup.
      Locality l = endpoints.size() == 1 ? Locality.REMOTE : Locality.of(e, network);
      list.add(new EndpointHealth(e, l, clock));
    }
    list.sort(Comparator.comparing(EndpointHealth::locality)); // stable: ties keep their order
    this.endpoints = List.copyOf(list);
    this.random = random;
  }

  /** The endpoints in the order they are preferred. */
  List<Endpoint> endpoints() {
    return endpoints.stream().map(EndpointHealth::endpoint).toList();
  }

  /** Whether {@code endpoint} is parked now. */
  boolean isParked(Endpoint endpoint) {
    return endpoints.stream().anyMatch(h -> h.endpoint().equals(endpoint) && h.isParked());
  }

  Exchange send(Attempt attempt) throws KesException {
    if (endpoints.size() == 1) {
      return attempt.send(endpoints.get(0).endpoint());
    }
    Outcome last = null;
    EndpointHealth first = endpoints.get(0);
    if (first.locality() == Locality.LOCALHOST) {
      EndpointHealth.Verdict v = first.check();
      if (!v.skip()) {
        last = attemptOn(first, attempt, v.probe(), false);
        if (last.succeeded()) {
          return last.exchange();
        }
      }
    }
    int n = endpoints.size();
    int start = random.nextInt(n);
    for (boolean lastResort : new boolean[] {false, true}) {
      boolean tried = false;
      for (int i = 1; i <= n; i++) {
        EndpointHealth h = endpoints.get((i + start) % n);
        EndpointHealth.Verdict v = h.check();
        if (!lastResort && v.skip()) {
          continue;
        }
        tried = true;
        Outcome o = attemptOn(h, attempt, v.probe(), lastResort);
        if (last != null) {
          last.discard();
        }
        last = o;
        if (o.succeeded()) {
          return o.exchange();
        }
      }
      if (tried || last != null) {
        break; // the SDK's full retry only happens when nothing at all was attempted
      }
    }
    return last.get();
  }

  private static Outcome attemptOn(EndpointHealth h, Attempt attempt, boolean probe, boolean lastResort)
      throws TransportException {
    Exchange e;
    try {
      e = attempt.send(h.endpoint());
    } catch (TransportException t) {
      if (t.reason() == TransportException.Reason.INTERRUPTED) {
        throw t; // the caller gave up; do not blame the endpoint or try others
      }
      h.failed(probe);
      return new Outcome(null, t);
    } catch (KesException k) {
      h.failed(probe); // a response we cannot use (redirect loop): treat like a failure
      return new Outcome(null, k);
    }
    if (e.isServerFailure()) {
      h.failed(probe);
      return new Outcome(e, null);
    }
    if (probe || lastResort) {
      h.recovered();
    }
    return new Outcome(e, null);
  }

  /** A response or an error, as the SDK's {@code resp, err} pair. */
  private record Outcome(Exchange exchange, KesException error) {
    boolean succeeded() {
      return exchange != null && !exchange.isServerFailure();
    }

    Exchange get() throws KesException {
      if (error != null) {
        throw error;
      }
      return exchange;
    }

    void discard() {
      if (exchange != null) {
        exchange.close();
      }
    }
  }
}
