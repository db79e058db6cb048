package io.keydesk.server.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.Properties;

/** Sends through an SMTP server (Jakarta Mail, Angus implementation), without authentication. */
public final class SmtpMailer implements Mailer {
  private final Session session;
  private final String from;

  public SmtpMailer(String host, int port, String from) {
    Properties properties = new Properties();
    properties.put("mail.transport.protocol", "smtp");
    properties.put("mail.smtp.host", host);
    properties.put("mail.smtp.port", Integer.toString(port));
    properties.put("mail.smtp.connectiontimeout", "10000");
    properties.put("mail.smtp.timeout", "10000");
    this.session = Session.getInstance(properties);
    this.from = from;
  }

  @Override
  public void send(String to, String subject, String body) {
    try {
      Transport.send(Messages.build(session, from, to, subject, body));
    } catch (MessagingException e) {
      throw new MailException(
          "Sending email to " + to + " failed: " + e.getMessage() + ". Check --smtp.", e);
    }
  }
}
