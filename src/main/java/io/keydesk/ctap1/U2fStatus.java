package io.keydesk.ctap1;

/** U2F status words (FIDO U2F Raw Message Formats v1.2 section 3.3). */
public final class U2fStatus {
  public static final int NO_ERROR = 0x9000;

  /** The request needs a test of user presence: the user has not touched the key yet. */
  public static final int CONDITIONS_NOT_SATISFIED = 0x6985;

  /** The key handle was not made by this key for this application (or bad data). */
  public static final int WRONG_DATA = 0x6A80;

  public static final int WRONG_LENGTH = 0x6700;
  public static final int CLA_NOT_SUPPORTED = 0x6E00;
  public static final int INS_NOT_SUPPORTED = 0x6D00;

  /** Not a status word from a key: the answer could not be read. */
  public static final int MALFORMED = 0x0000;

  private U2fStatus() {}

  /** A name for logs and messages, such as "SW_WRONG_DATA (0x6A80)". */
  public static String describe(int statusWord) {
    String name =
        switch (statusWord) {
          case NO_ERROR -> "SW_NO_ERROR";
          case CONDITIONS_NOT_SATISFIED -> "SW_CONDITIONS_NOT_SATISFIED";
          case WRONG_DATA -> "SW_WRONG_DATA";
          case WRONG_LENGTH -> "SW_WRONG_LENGTH";
          case CLA_NOT_SUPPORTED -> "SW_CLA_NOT_SUPPORTED";
          case INS_NOT_SUPPORTED -> "SW_INS_NOT_SUPPORTED";
          default -> "status";
        };
    return String.format("%s (0x%04X)", name, statusWord);
  }
}
