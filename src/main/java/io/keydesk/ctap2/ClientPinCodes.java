package io.keydesk.ctap2;

/**
 * authenticatorClientPIN (0x06) subcommands and CBOR keys (CTAP 2.1 section 6.5.5), shared by the
 * client ({@link ClientPin}) and the software authenticator.
 */
public final class ClientPinCodes {
  private ClientPinCodes() {}

  /** subCommand values (request member 0x02). */
  public static final class Subcommand {
    public static final int GET_PIN_RETRIES = 0x01;
    public static final int GET_KEY_AGREEMENT = 0x02;
    public static final int SET_PIN = 0x03;
    public static final int CHANGE_PIN = 0x04;
    public static final int GET_PIN_TOKEN = 0x05;
    public static final int GET_PIN_UV_AUTH_TOKEN_USING_UV_WITH_PERMISSIONS = 0x06;
    public static final int GET_UV_RETRIES = 0x07;
    public static final int GET_PIN_UV_AUTH_TOKEN_USING_PIN_WITH_PERMISSIONS = 0x09;

    private Subcommand() {}
  }

  /** Request parameter keys. */
  public static final class Request {
    public static final int PIN_UV_AUTH_PROTOCOL = 0x01;
    public static final int SUB_COMMAND = 0x02;
    public static final int KEY_AGREEMENT = 0x03;
    public static final int PIN_UV_AUTH_PARAM = 0x04;
    public static final int NEW_PIN_ENC = 0x05;
    public static final int PIN_HASH_ENC = 0x06;
    public static final int PERMISSIONS = 0x09;
    public static final int RP_ID = 0x0A;

    private Request() {}
  }

  /** Response member keys. */
  public static final class Response {
    public static final int KEY_AGREEMENT = 0x01;
    public static final int PIN_UV_AUTH_TOKEN = 0x02;
    public static final int PIN_RETRIES = 0x03;
    public static final int POWER_CYCLE_STATE = 0x04;
    public static final int UV_RETRIES = 0x05;

    private Response() {}
  }
}
