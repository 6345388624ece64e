package org.openkes.client;

/** Every test of {@link LogStreamTest} again over {@link Transport#BLOCKING_HTTP1}. */
class LogStreamOverSocketsTest extends LogStreamTest {
  @Override
  Transport transport() {
    return Transport.BLOCKING_HTTP1;
  }
}
