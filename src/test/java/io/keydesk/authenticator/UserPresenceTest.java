package io.keydesk.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class UserPresenceTest {
  private final ManualScheduler clock = new ManualScheduler();
  private final UserPresence.Request request = new UserPresence.Request(1, 0x0B, clock);

  @Test
  void approveAndDenyAnswerAtOnce() {
    assertThat(UserPresence.parse("approve").request(request)).isCompletedWithValue(true);
    assertThat(UserPresence.parse(" deny ").request(request)).isCompletedWithValue(false);
  }

  @Test
  void delayApprovesAfterTheGivenTime() {
    CompletableFuture<Boolean> touched = UserPresence.parse("delay:1500").request(request);
    clock.advance(Duration.ofMillis(1499));
    assertThat(touched).isNotDone();
    clock.advance(Duration.ofMillis(1));
    assertThat(touched).isCompletedWithValue(true);
  }

  @Test
  void cancellingADelayedApprovalDropsItsTimer() {
    CompletableFuture<Boolean> touched =
        UserPresence.approveAfter(Duration.ofSeconds(1)).request(request);
    touched.cancel(true);
    assertThat(clock.pending()).isZero();
  }

  @Test
  void unknownPoliciesAreExplained() {
    for (String bad : new String[] {"maybe", "delay:", "delay:-5", "delay:abc"}) {
      assertThatThrownBy(() -> UserPresence.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Unknown user-presence policy '"
                  + bad
                  + "'; use approve, deny or delay:MS (milliseconds, such as delay:1500).");
    }
  }
}
