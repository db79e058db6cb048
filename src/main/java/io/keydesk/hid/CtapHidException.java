package io.keydesk.hid;

/**
 * The device answered with CTAPHID_ERROR (CTAP 2.1 section 11.2.9.1.6). The message is the user
 * message of the {@link CtapHidError}; {@link #error()} lets callers react to a specific code.
 */
public final class CtapHidException extends TransportException {
  private final CtapHidError error;
  private final int code;

  public CtapHidException(int code) {
    super(CtapHidError.fromCode(code).message());
    this.error = CtapHidError.fromCode(code);
    this.code = code;
  }

  public CtapHidException(CtapHidError error) {
    this(error.code());
  }

  public CtapHidError error() {
    return error;
  }

  /** The raw error byte, which differs from {@code error().code()} for unknown codes. */
  public int code() {
    return code;
  }
}
