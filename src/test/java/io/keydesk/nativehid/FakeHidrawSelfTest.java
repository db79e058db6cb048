package io.keydesk.nativehid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the harness's own Python self-tests inside the Maven build, so a broken harness fails here
 * before the tests that rely on it: {@code src/test/python/test_fake_hidraw.py} (ioctls, exact
 * report boundaries, fido2-token -L/-I against a stub, unplug and re-plug, the node never becomes a
 * controlling terminal) and {@code test_tty_answer.py} (PIN prompts answered on a private terminal,
 * deadlines). One test per module, each with its own generous failure-only deadline.
 */
@RequiresNativeHid
class FakeHidrawSelfTest {
  /** Failure-only: the modules take seconds, but a loaded machine may stall them for minutes. */
  private static final Duration MODULE_TIMEOUT = Duration.ofMinutes(10);

  @ParameterizedTest
  @ValueSource(strings = {"test_fake_hidraw", "test_tty_answer"})
  void pythonSelfTestsPass(String module) throws Exception {
    try (JsonLineProcess run =
        JsonLineProcess.start(
            module,
            List.of(NativeHidEnvironment.PYTHON, "-m", "unittest", "-v", module),
            Map.of(
                "PYTHONPATH",
                NativeHidEnvironment.scripts().toString(),
                "PYTHONDONTWRITEBYTECODE",
                "1"))) {
      int exit = run.awaitExit(MODULE_TIMEOUT);
      assertThat(exit).as(run.transcript()).isZero();
      assertThat(run.transcript()).doesNotContain("skipped");
    }
  }
}
