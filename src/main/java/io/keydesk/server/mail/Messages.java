package io.keydesk.server.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/** Builds the MIME message both mailers send. */
final class Messages {
  private Messages() {}

  static MimeMessage build(Session session, String from, String to, String subject, String body)
      throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(from));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setSubject(subject, StandardCharsets.UTF_8.name());
    message.setText(body, StandardCharsets.UTF_8.name());
    message.setSentDate(new Date());
    return message;
  }
}
