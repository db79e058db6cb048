package io.keydesk.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.gui.task.Tasks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackgroundTaskTest {
  @Test
  void callbacksRunInOrderOnTheUiExecutor() {
    List<String> seen = new ArrayList<>();
    Tasks.direct()
        .wrap(c -> "value")
        .onRunning(() -> seen.add("running"))
        .onSuccess(v -> seen.add("success " + v))
        .onFailure(e -> seen.add("failure"))
        .onFinished(() -> seen.add("finished"))
        .executeWith(Runnable::run);
    assertThat(seen).containsExactly("running", "success value", "finished");
  }

  @Test
  void failuresReachOnFailureWithTheirMessage() {
    List<String> seen = new ArrayList<>();
    Tasks.direct()
        .wrap(c -> {
          throw new IllegalStateException("the key went away");
        })
        .onSuccess(v -> seen.add("success"))
        .onFailure(e -> seen.add(e.getMessage()))
        .executeWith(Runnable::run);
    assertThat(seen).containsExactly("the key went away");
  }

  @Test
  void theWorkSeesItsCancellation() {
    List<Boolean> seen = new ArrayList<>();
    var cancellation =
        Tasks.direct().wrap(c -> c).onSuccess(c -> seen.add(c.isCancelled())).executeWith(r -> {});
    cancellation.cancel();
    assertThat(cancellation.isCancelled()).isTrue();
    assertThat(seen).isEmpty();
  }
}
