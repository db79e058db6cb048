package io.keydesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The entry point's own look at the arguments tolerates repeats and clustered flags. */
class MainTest {
  @Test
  void repeatedArgumentsDoNotThrow() {
    String[] args = {"make-credential", "--exclude", "A", "--exclude", "A", "--rp", "x"};
    assertThat(Main.verbose(args)).isFalse();
    assertThat(Main.opensGui(args)).isFalse();
    assertThat(Main.opensGui(new String[] {"--demo", "--demo"})).isTrue();
    assertThat(Main.opensGui(new String[] {})).isTrue();
  }

  @Test
  void verboseAloneRepeatedOrClustered() {
    assertThat(Main.verbose(new String[] {"-v", "info"})).isTrue();
    assertThat(Main.verbose(new String[] {"--verbose", "--verbose", "info"})).isTrue();
    assertThat(Main.verbose(new String[] {"-vh"})).isTrue();
    assertThat(Main.verbose(new String[] {"-hv"})).isTrue();
    assertThat(Main.verbose(new String[] {"info"})).isFalse();
    assertThat(Main.verbose(new String[] {"-h"})).isFalse();
    assertThat(Main.verbose(new String[] {"make-credential", "-uv"})).isFalse();
    assertThat(Main.verbose(new String[] {"webauthn", "--", "-v"})).isFalse();
  }
}
