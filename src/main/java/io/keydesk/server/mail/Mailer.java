package io.keydesk.server.mail;

/** Sends one plain-text email. Implementations: SMTP ({@link SmtpMailer}), files ({@link OutboxMailer}). */
public interface Mailer {
  void send(String to, String subject, String body);
}
