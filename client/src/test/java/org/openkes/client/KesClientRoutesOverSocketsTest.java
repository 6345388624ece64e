package org.openkes.client;

/** Every test of {@link KesClientRoutesTest} again over {@link Transport#BLOCKING_HTTP1}. */
class KesClientRoutesOverSocketsTest extends KesClientRoutesTest {
  @Override
  Transport transport() {
    return Transport.BLOCKING_HTTP1;
  }
}
