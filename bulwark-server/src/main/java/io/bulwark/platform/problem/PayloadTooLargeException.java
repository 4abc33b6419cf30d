package io.bulwark.platform.problem;

import java.io.IOException;

/** Raised while reading a request body that exceeds the configured size limit. */
public final class PayloadTooLargeException extends IOException {

  /**
   * @param limitBytes the limit that was exceeded
   */
  public PayloadTooLargeException(long limitBytes) {
    super("The request body exceeds the limit of " + limitBytes + " bytes");
  }
}
