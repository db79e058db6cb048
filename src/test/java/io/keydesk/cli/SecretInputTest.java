package io.keydesk.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.keydesk.app.SecondFactor;
import io.keydesk.rp.LoginStep;
import io.keydesk.store.Account;
import io.keydesk.webauthn.PinRequest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Secrets from standard input arrive as char[] through one reader, in the order asked. */
class SecretInputTest {
  private final StringWriter err = new StringWriter();

  private static InputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsOneLineAtATimeAsChars() throws Exception {
    InputStream in = stdin("1234\r\npässwörd €\n\nlast");
    assertThat(SecretInput.readLine(in, "PIN")).hasValueSatisfying(p -> assertThat(p).containsExactly('1', '2', '3', '4'));
    assertThat(SecretInput.readLine(in, "password"))
        .hasValueSatisfying(p -> assertThat(p).isEqualTo("pässwörd €".toCharArray()));
    assertThat(SecretInput.readLine(in, "code")).hasValueSatisfying(p -> assertThat(p).isEmpty());
    assertThat(SecretInput.readLine(in, "code"))
        .hasValueSatisfying(p -> assertThat(p).isEqualTo("last".toCharArray()));
    assertThat(SecretInput.readLine(in, "code")).isEmpty();
  }

  @Test
  void refusesOverlongAndInvalidLines() {
    assertThatThrownBy(() -> SecretInput.readLine(stdin("x".repeat(2000) + "\n"), "PIN"))
        .isInstanceOf(UsageException.class)
        .hasMessage("The PIN line on standard input is too long.");
    assertThatThrownBy(
            () ->
                SecretInput.readLine(new ByteArrayInputStream(new byte[] {(byte) 0xC3, '\n'}), "password"))
        .isInstanceOf(UsageException.class)
        .hasMessage("The password line on standard input is not valid UTF-8.");
  }

  @Test
  void stripZeroesTheOriginal() {
    char[] code = " 123456 \t".toCharArray();
    assertThat(SecretInput.strip(code)).containsExactly('1', '2', '3', '4', '5', '6');
    assertThat(code).containsOnly('\0');
  }

  @Test
  void pinStdinWithoutInputIsAUsageError() {
    SecretInput input = new SecretInput(stdin(""), new PrintWriter(err));
    assertThatThrownBy(() -> input.readPin("PIN: ", true))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--pin-stdin");
  }

  @Test
  void accountPromptsShareOneByteWiseReaderForPasswordCodeAndPin() throws Exception {
    AccountOptions options = new AccountOptions();
    options.passwordStdin = true;
    options.codeStdin = true;
    options.pinStdin = true;
    TerminalPrompts prompts =
        new TerminalPrompts(options, new PrintWriter(err), stdin("s3cret pass\n 654321 \n2468\n"));
    Account account = new Account(1, "https://localhost:8443", "a@example.com", Optional.empty(), Optional.empty(), Instant.EPOCH);

    assertThat(prompts.password(account))
        .hasValueSatisfying(p -> assertThat(p).isEqualTo("s3cret pass".toCharArray()));
    assertThat(
            prompts.secondFactor(
                account, new LoginStep.SecondFactorRequired("t", Instant.EPOCH, List.of(LoginStep.TOTP), Optional.empty()), false))
        .contains(new SecondFactor.Totp("654321"));
    assertThat(prompts.interaction().requestPin(new PinRequest(Optional.empty(), 4, PinRequest.Reason.VERIFY_USER, Optional.empty())))
        .hasValueSatisfying(p -> assertThat(p).containsExactly('2', '4', '6', '8'));
  }

  @Test
  void consoleInteractionReportsTheEndOfInputInsteadOfSwallowingIt() {
    ConsoleInteraction ui =
        new ConsoleInteraction(
            new PrintWriter(err, true), Optional.of(new SecretInput(stdin(""), new PrintWriter(err))));
    assertThat(ui.requestPin(new PinRequest(Optional.empty(), 4, PinRequest.Reason.VERIFY_USER, Optional.empty()))).isEmpty();
    assertThat(err.toString()).contains("--pin-stdin: standard input ended before a PIN");
  }

  @Test
  void noSecretIsReadThroughAString() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.keydesk.cli", "io.keydesk.rp");
    noClasses()
        .that()
        .haveSimpleNameStartingWith("SecretInput")
        .or().haveSimpleNameStartingWith("TerminalPrompts")
        .or().haveSimpleNameStartingWith("ConsoleInteraction")
        .or().haveSimpleNameStartingWith("RelyingPartyClient")
        .should()
        .callMethod(String.class, "toCharArray")
        .orShould()
        .callMethod(java.io.BufferedReader.class, "readLine")
        .orShould()
        .callMethod(java.nio.CharBuffer.class, "toString")
        .because("PINs, passwords and codes are read as char[] by SecretInput")
        .check(classes);
  }
}
