package io.keydesk.server.account;

import io.keydesk.server.problem.ApiException;
import io.keydesk.server.problem.ProblemType;

/** The password policy (NIST SP 800-63B §5.1.1.2): 8 to 1024 characters, nothing else forced. */
public final class Passwords {
  public static final int MIN_LENGTH = 8;
  public static final int MAX_LENGTH = 1024;

  private Passwords() {}

  public static String check(String password) {
    if (password == null
        || password.codePointCount(0, password.length()) < MIN_LENGTH
        || password.length() > MAX_LENGTH) {
      throw new ApiException(
          ProblemType.WEAK_PASSWORD,
          "Choose a password of at least " + MIN_LENGTH + " and at most " + MAX_LENGTH
              + " characters.");
    }
    return password;
  }
}
