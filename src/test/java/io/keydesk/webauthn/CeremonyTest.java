package io.keydesk.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.hid.CancelToken;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A ceremony listens to the caller's token only while it runs. */
class CeremonyTest {
  @Test
  void closingTheCeremonyUnregistersFromTheCallersToken() {
    CancelToken caller = new CancelToken();
    Ceremony running = new Ceremony(caller, Optional.of(60_000L), ValidationBeforeIoTest.NO_USER);
    Ceremony finished = new Ceremony(caller, Optional.of(60_000L), ValidationBeforeIoTest.NO_USER);
    finished.close();

    caller.cancel();

    assertThat(running.isStopped()).isTrue();
    assertThat(finished.isStopped()).as("a closed ceremony no longer hears the caller").isFalse();
    running.close();
  }
}
