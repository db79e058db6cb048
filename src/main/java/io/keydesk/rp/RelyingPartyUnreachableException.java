package io.keydesk.rp;

import java.io.IOException;

/** The relying party could not be reached (no route, refused, timed out, TLS failed to start). */
public class RelyingPartyUnreachableException extends RuntimeException {
  public RelyingPartyUnreachableException(String url, IOException cause) {
    super(
        "The server at "
            + url
            + " can't be reached ("
            + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())
            + "). Check the address and your connection, then try again.",
        cause);
  }
}
