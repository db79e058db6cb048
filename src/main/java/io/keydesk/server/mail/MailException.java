package io.keydesk.server.mail;

/** An email could not be sent or written. */
public final class MailException extends RuntimeException {
  public MailException(String message, Throwable cause) {
    super(message, cause);
  }
}
