package io.keydesk.server;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A fresh server and mailbox per test. */
abstract class ApiTestBase {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetup.SMTP.dynamicPort());

  @TempDir Path dir;
  RpHarness rp;

  @BeforeEach
  void startServer() {
    rp = new RpHarness(mail, dir);
  }

  @AfterEach
  void stopServer() {
    rp.close();
  }
}
