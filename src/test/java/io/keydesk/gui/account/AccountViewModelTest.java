package io.keydesk.gui.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountViewModelTest {
  @Test
  void masksTheAddressTheCodeWentTo() {
    assertThat(AccountViewModel.maskEmail("alice@example.com")).isEqualTo("a•••@example.com");
    assertThat(AccountViewModel.maskEmail("bob")).isEqualTo("b•••");
    assertThat(AccountViewModel.maskEmail("")).isEmpty();
  }

  @Test
  void keyNamesNeedOneToAHundredCharacters() {
    assertThat(AccountViewModel.nameProblem("  ")).contains("Give the key a name, such as \"Office key\".");
    assertThat(AccountViewModel.nameProblem("x".repeat(101)))
        .contains("A key name can have at most 100 characters.");
    assertThat(AccountViewModel.nameProblem(" Office key ")).isEmpty();
  }

  @Test
  void addingAnAccountNeedsAUrlAndAUserName() {
    assertThat(AddAccountViewModel.problem("", "a@b"))
        .contains("Enter the server's address, such as https://rp.example.com.");
    assertThat(AddAccountViewModel.problem("https://rp", " "))
        .contains("Enter your user name at the server (usually your email address).");
    assertThat(AddAccountViewModel.problem("https://rp", "a@b")).isEqualTo(Optional.empty());
  }
}
