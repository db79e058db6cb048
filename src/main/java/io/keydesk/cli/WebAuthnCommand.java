package io.keydesk.cli;

import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.webauthn.PublicKeyCredentialCreationOptionsJSON;
import io.keydesk.webauthn.PublicKeyCredentialRequestOptionsJSON;
import io.keydesk.webauthn.WebAuthnClient;
import io.keydesk.webauthn.WebAuthnClientException;
import io.keydesk.webauthn.WebAuthnJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keydesk webauthn create|get}: run a WebAuthn ceremony against a security key, as a browser
 * would for {@code --origin}, reading the relying party's L3 options JSON and printing the L3
 * response JSON on stdout. Prompts go to stderr.
 */
@Command(
    name = "webauthn",
    mixinStandardHelpOptions = true,
    description =
        "Register or authenticate with a security key the way a browser does, from WebAuthn"
            + " options JSON.",
    subcommands = {WebAuthnCommand.Create.class, WebAuthnCommand.Get.class})
final class WebAuthnCommand {
  @ParentCommand KeyDeskCommand root;

  /** Keys wait for a touch; the ceremony's own timeout (at most 10 min) ends the wait first. */
  static final Duration DEVICE_TIMEOUT = Duration.ofMinutes(11);

  /** Where stdin comes from; tests replace it. */
  static InputStream stdin = System.in;

  /** Checks options and origin before any device I/O (WebAuthnClient.checkCreate, checkGet). */
  @FunctionalInterface
  interface Check<O> {
    void check(O options, String origin) throws WebAuthnClientException;
  }

  /** Runs the ceremony on the key (WebAuthnClient.create/get). */
  @FunctionalInterface
  interface Run<O> {
    Object run(
        WebAuthnClient client, O options, String origin, ConsoleInteraction ui, CancelToken cancel)
        throws WebAuthnClientException;
  }

  /** Options and steps shared by create and get; {@code O} is the options JSON type. */
  abstract static class Ceremony<O> implements Callable<Integer> {
    private final Class<O> optionsType;
    private final Check<O> check;
    private final Run<O> run;

    @ParentCommand WebAuthnCommand parent;
    @Spec CommandSpec spec;

    @Option(
        names = "--origin",
        required = true,
        paramLabel = "URL",
        description = "The web origin to act for, such as https://example.com.")
    String origin;

    @Option(
        names = "--options",
        paramLabel = "FILE|-",
        defaultValue = "-",
        description = "The relying party's options JSON, from a file or - for stdin (default).")
    String options;

    @Option(
        names = "--pin-stdin",
        description = "Read the PIN from the first line of stdin instead of the terminal.")
    boolean pinStdin;

    @Option(names = "--json", description = "Print the response as one compact line of JSON.")
    boolean compact;

    Ceremony(Class<O> optionsType, Check<O> check, Run<O> run) {
      this.optionsType = optionsType;
      this.check = check;
      this.run = run;
    }

    @Override
    public Integer call() throws Exception {
      if (pinStdin && options.equals("-")) {
        throw new UsageException(
            "--pin-stdin reads the PIN from stdin, so the options must come from a file: use"
                + " --options FILE.");
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
      String json = readOptions(in);
      O parsed;
      try {
        parsed = WebAuthnJson.read(json, optionsType);
        check.check(parsed, origin);
      } catch (WebAuthnClientException e) {
        throw new WebAuthnFailure(e);
      }
      ConsoleInteraction ui =
          new ConsoleInteraction(
              spec.commandLine().getErr(),
              pinStdin
                  ? Optional.of(new SecretInput(stdin, spec.commandLine().getErr()))
                  : Optional.empty());
      CancelToken cancel = new CancelToken();
      Thread hook = new Thread(cancel::cancel, "webauthn-cancel");
      Runtime.getRuntime().addShutdownHook(hook);
      try (CtapHidDevice device =
          DeviceChoice.openOrSelect(
              Optional.ofNullable(parent.root.device),
              DEVICE_TIMEOUT,
              spec.commandLine().getErr(),
              cancel)) {
        Object response = run.run(new WebAuthnClient(device), parsed, origin, ui, cancel);
        String text =
            compact
                ? WebAuthnJson.write(response)
                : WebAuthnJson.mapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(response);
        spec.commandLine().getOut().println(text);
        spec.commandLine().getOut().flush();
      } catch (WebAuthnClientException e) {
        throw new WebAuthnFailure(e);
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // Shutting down already.
        }
      }
      return KeyDeskCommand.EXIT_OK;
    }

    private String readOptions(BufferedReader in) throws IOException, UsageException {
      if (options.equals("-")) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[4096];
        for (int n; (n = in.read(buffer)) > 0; ) {
          text.append(buffer, 0, n);
        }
        return text.toString();
      }
      try {
        return Files.readString(Path.of(options), StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new UsageException("--options: no such file " + options + ".");
      }
    }
  }

  /** A failed ceremony, reported as "keydesk: NotAllowedError: ..." (exit 1). */
  static final class WebAuthnFailure extends Exception {
    WebAuthnFailure(WebAuthnClientException e) {
      super(e.code().domName() + ": " + e.getMessage(), e);
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "navigator.credentials.create(): register the key from PublicKeyCredentialCreationOptions"
              + " JSON and print RegistrationResponseJSON.")
  static final class Create extends Ceremony<PublicKeyCredentialCreationOptionsJSON> {
    Create() {
      super(
          PublicKeyCredentialCreationOptionsJSON.class,
          WebAuthnClient::checkCreate,
          WebAuthnClient::create);
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description =
          "navigator.credentials.get(): authenticate with the key from"
              + " PublicKeyCredentialRequestOptions JSON and print AuthenticationResponseJSON.")
  static final class Get extends Ceremony<PublicKeyCredentialRequestOptionsJSON> {
    Get() {
      super(
          PublicKeyCredentialRequestOptionsJSON.class,
          WebAuthnClient::checkGet,
          WebAuthnClient::get);
    }
  }
}
