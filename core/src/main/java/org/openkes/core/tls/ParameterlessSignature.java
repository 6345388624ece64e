package org.openkes.core.tls;

import java.security.InvalidParameterException;
import java.security.SignatureSpi;

/** A signature without the string-keyed parameters JCA deprecated long ago. */
abstract class ParameterlessSignature extends SignatureSpi {
  @Override
  @Deprecated
  protected final void engineSetParameter(String param, Object value) {
    throw new InvalidParameterException("no parameters");
  }

  @Override
  @Deprecated
  protected final Object engineGetParameter(String param) {
    throw new InvalidParameterException("no parameters");
  }
}
