package io.keydesk.server.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/** Writes each email as an {@code .eml} file into a directory, for local use without SMTP. */
public final class OutboxMailer implements Mailer {
  private final Path directory;
  private final String from;
  private final Session session = Session.getInstance(new Properties());
  private final AtomicLong sequence = new AtomicLong();

  public OutboxMailer(Path directory, String from) {
    this.directory = directory;
    this.from = from;
  }

  @Override
  public void send(String to, String subject, String body) {
    Path file =
        directory.resolve(
            String.format("%d-%04d.eml", System.currentTimeMillis(), sequence.incrementAndGet()));
    try {
      Files.createDirectories(directory);
      try (OutputStream out = Files.newOutputStream(file)) {
        Messages.build(session, from, to, subject, body).writeTo(out);
      }
    } catch (IOException | MessagingException e) {
      throw new MailException("Writing " + file + " failed: " + e.getMessage(), e);
    }
  }
}
