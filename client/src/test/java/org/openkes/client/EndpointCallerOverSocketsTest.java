package org.openkes.client;

/** Every test of {@link EndpointCallerTest} again over {@link Transport#BLOCKING_HTTP1}. */
class EndpointCallerOverSocketsTest extends EndpointCallerTest {
  @Override
  Transport transport() {
    return Transport.BLOCKING_HTTP1;
  }
}
