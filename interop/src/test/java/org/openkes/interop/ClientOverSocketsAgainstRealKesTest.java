package org.openkes.interop;

import org.openkes.client.Transport;

/** Every test of {@link ClientAgainstRealKesTest} again over {@link Transport#BLOCKING_HTTP1}. */
@RequiresRealKes
class ClientOverSocketsAgainstRealKesTest extends ClientAgainstRealKesTest {
  @Override
  Transport transport() {
    return Transport.BLOCKING_HTTP1;
  }
}
