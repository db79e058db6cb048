package io.keydesk.ctap2;

/** authenticator API command bytes (CTAP 2.1 section 6). */
public final class CtapCommand {
  public static final int MAKE_CREDENTIAL = 0x01;
  public static final int GET_ASSERTION = 0x02;
  public static final int GET_INFO = 0x04;
  public static final int CLIENT_PIN = 0x06;
  public static final int RESET = 0x07;
  public static final int GET_NEXT_ASSERTION = 0x08;
  public static final int BIO_ENROLLMENT = 0x09;
  public static final int CREDENTIAL_MANAGEMENT = 0x0A;
  public static final int SELECTION = 0x0B;
  public static final int LARGE_BLOBS = 0x0C;
  public static final int CONFIG = 0x0D;
  public static final int BIO_ENROLLMENT_PREVIEW = 0x40;
  public static final int CREDENTIAL_MANAGEMENT_PREVIEW = 0x41;

  private CtapCommand() {}
}
