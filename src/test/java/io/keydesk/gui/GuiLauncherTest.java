package io.keydesk.gui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The GUI's own flags, as the jar's entry point hands them over. */
class GuiLauncherTest {
  @Test
  void verboseOpensTheGuiWithItsFlagsAndRepeatsAreFine() {
    // 'keydesk --demo --verbose' is what the demo's error message tells the user to run
    assertThat(GuiLauncher.FLAGS).contains("--demo", "--verbose", "-v");
    KeyDeskApp.Options options =
        GuiLauncher.options(new String[] {"--demo", "--verbose", "--demo"}, ms -> {});
    assertThat(options.demo()).isTrue();
    assertThat(options.measureStartup()).isFalse();
    assertThat(GuiLauncher.options(new String[] {}, ms -> {}).demo()).isFalse();
  }
}
