package io.keydesk.hid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CancelTokenTest {
  @Test
  void aClosedRegistrationIsRemovedAndNotRun() {
    CancelToken token = new CancelToken();
    AtomicInteger runs = new AtomicInteger();
    Runnable listener = runs::incrementAndGet;
    CancelToken.Registration first = token.onCancel(listener);
    token.onCancel(listener);
    assertThat(token.listenerCount()).isEqualTo(2);

    first.close();
    first.close();
    assertThat(token.listenerCount()).isEqualTo(1);

    token.cancel();
    assertThat(runs).hasValue(1);
  }

  @Test
  void registeringOnAFiredTokenRunsAtOnce() {
    CancelToken token = new CancelToken();
    token.cancel();
    AtomicInteger runs = new AtomicInteger();
    token.onCancel(runs::incrementAndGet).close();
    assertThat(runs).hasValue(1);
    assertThat(token.listenerCount()).isZero();
  }
}
