package io.keydesk.gui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Waits and reads for the TestFX tests, always on the FX thread. A TestFX lookup made from the test
 * thread walks the scene graph while the FX thread changes it: on a loaded machine it then fails
 * with an IndexOutOfBoundsException from inside the node query, or misses a node being replaced.
 * The 60 s bound only ever counts when a test is failing.
 */
final class FxWait {
  static final long SECONDS = 60;

  private FxWait() {}

  /** Waits until {@code condition}, evaluated on the FX thread, holds. */
  static void until(String what, Callable<Boolean> condition) throws TimeoutException {
    try {
      WaitForAsyncUtils.waitFor(SECONDS, TimeUnit.SECONDS, () -> onFx(condition));
    } catch (TimeoutException e) {
      throw new TimeoutException("Waited " + SECONDS + " s for: " + what);
    }
  }

  /** {@code query}'s answer, computed on the FX thread. */
  static <T> T onFx(Callable<T> query) {
    if (Platform.isFxApplicationThread()) {
      try {
        return query.call();
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    try {
      return WaitForAsyncUtils.asyncFx(query).get(SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("The FX thread did not answer within " + SECONDS + " s", e);
    }
  }
}
