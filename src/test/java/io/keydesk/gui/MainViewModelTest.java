package io.keydesk.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.app.desktop.SecurityKeys;
import io.keydesk.gui.task.Tasks;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The view model hands out one read-only view of each collection, not a fresh one per call. */
class MainViewModelTest {
  @Test
  void theSameViewsEachTimeSoListenersStay() {
    // an unmodifiable view listens to its backing collection weakly: a listener on a view made per
    // call disappears with the view at the next garbage collection (the sidebar and the selection
    // at startup listen to these)
    try (SecurityKeys keys = SecurityKeys.withSimulators(List.of())) {
      MainViewModel model = new MainViewModel(Tasks.direct(), keys);
      assertThat(model.keys()).isSameAs(model.keys());
      assertThat(model.models()).isSameAs(model.models());
    }
  }
}
