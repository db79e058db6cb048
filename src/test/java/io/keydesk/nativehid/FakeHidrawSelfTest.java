package io.keydesk.nativehid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the harness's own Python self-tests inside the Maven build, so a broken harness fails here
 * before the tests that rely on it: {@code src/test/python/test_fake_hidraw.py} (ioctls, exact
 * report boundaries, fido2-token -L/-I against a stub, unplug and re-plug, the node never becomes a
 * controlling terminal) and {@code test_tty_answer.py} (PIN prompts answered on a private terminal,
 * deadlines).
 */
@RequiresNativeHid
class FakeHidrawSelfTest {
  @Test
  void pythonSelfTestsPass() throws Exception {
    try (JsonLineProcess run =
        JsonLineProcess.start(
            "test_fake_hidraw",
            List.of(
                NativeHidEnvironment.PYTHON,
                "-m",
                "unittest",
                "-v",
                "test_fake_hidraw",
                "test_tty_answer"),
            Map.of(
                "PYTHONPATH",
                NativeHidEnvironment.scripts().toString(),
                "PYTHONDONTWRITEBYTECODE",
                "1"))) {
      int exit = run.awaitExit(Duration.ofMinutes(3));
      assertThat(exit).as(run.transcript()).isZero();
      assertThat(run.transcript()).doesNotContain("skipped");
    }
  }
}
