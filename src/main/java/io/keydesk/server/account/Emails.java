package io.keydesk.server.account;

import io.keydesk.server.problem.ApiException;
import io.keydesk.server.problem.ProblemType;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;

/** Email address checks: RFC 822 syntax with a domain part, at most 254 characters, lower-cased. */
public final class Emails {
  public static final int MAX_LENGTH = 254;

  private Emails() {}

  /** The normalised (trimmed, lower-case) address. */
  public static String normalise(String email) {
    if (email == null) {
      throw new ApiException(ProblemType.INVALID_EMAIL, "Give an email address.");
    }
    String trimmed = email.trim().toLowerCase(Locale.ROOT);
    try {
      InternetAddress address = new InternetAddress(trimmed, true);
      address.validate();
      if (trimmed.length() > MAX_LENGTH
          || !trimmed.equals(address.getAddress())
          || trimmed.indexOf('@') < 1
          || trimmed.indexOf('@') == trimmed.length() - 1) {
        throw new AddressException("not a plain address");
      }
      return trimmed;
    } catch (AddressException e) {
      throw new ApiException(
          ProblemType.INVALID_EMAIL, "'" + email + "' is not a valid email address; check it.");
    }
  }
}
