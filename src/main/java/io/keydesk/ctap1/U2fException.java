package io.keydesk.ctap1;

/** A U2F request failed with a status word other than SW_NO_ERROR, or an unreadable answer. */
public final class U2fException extends Exception {
  private final int statusWord;

  public U2fException(int statusWord, String message) {
    super(message);
    this.statusWord = statusWord;
  }

  /** The status word, or {@link U2fStatus#MALFORMED} when the answer could not be read. */
  public int statusWord() {
    return statusWord;
  }

  static U2fException forStatus(String operation, int statusWord) {
    String advice =
        switch (statusWord) {
          case U2fStatus.WRONG_DATA ->
              "the key does not know this credential (it was registered with another key or"
                  + " for another site)";
          case U2fStatus.CONDITIONS_NOT_SATISFIED -> "the key was not touched in time";
          case U2fStatus.INS_NOT_SUPPORTED, U2fStatus.CLA_NOT_SUPPORTED ->
              "the key does not support this U2F command";
          default -> "re-insert the key and try again";
        };
    return new U2fException(
        statusWord,
        "U2F "
            + operation
            + " failed with "
            + U2fStatus.describe(statusWord)
            + ": "
            + advice
            + ".");
  }
}
