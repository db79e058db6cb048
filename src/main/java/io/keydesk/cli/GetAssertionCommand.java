package io.keydesk.cli;

import io.keydesk.app.CredentialTester;
import io.keydesk.app.DeviceSession;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keydesk get-assertion}: authenticatorGetAssertion (+ getNextAssertion) at CTAP level. */
@Command(
    name = "get-assertion",
    mixinStandardHelpOptions = true,
    description = {
      "Sign in with a credential on the key (authenticatorGetAssertion), without a browser.",
      "Without --allow the key offers its discoverable credentials for the RP, one assertion",
      "each."
    })
final class GetAssertionCommand extends CredentialOptions implements Callable<Integer> {
  @ParentCommand KeyDeskCommand root;
  @Spec CommandSpec spec;

  @Option(
      names = "--allow",
      paramLabel = "CREDENTIAL_ID",
      description = "A credential ID to use (repeatable); none: discoverable credentials.")
  List<String> allow = new ArrayList<>();

  @Option(
      names = "--public-key",
      paramLabel = "COSE_KEY",
      description =
          "The credential public key (base64url, as make-credential prints it) for --verify;"
              + " repeatable.")
  List<String> publicKeys = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CredentialTester.Authentication authentication =
        new CredentialTester.Authentication(rp, binaries("--allow", allow), uv, clientDataHash());
    try (DeviceSession session = Sessions.openForTouch(root)) {
      CredentialTester tester = new CredentialTester(session);
      Optional<char[]> pin = pinIfNeeded(tester.needsPin(false, uv, false), err);
      List<CredentialTester.Asserted> assertions =
          tester.getAssertion(
              authentication,
              pin,
              binaries("--public-key", publicKeys),
              verify,
              TouchPrompt.on(err));
      if (json) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (CredentialTester.Asserted a : assertions) {
          items.add(toJson(authentication, a));
        }
        out.println(json(items));
      } else {
        for (CredentialTester.Asserted a : assertions) {
          out.println("Assertion from " + session.describe() + " for " + rp + ":");
          out.println("  credential ID: " + a.credentialId().base64Url());
          a.response()
              .user()
              .ifPresent(
                  u ->
                      out.println(
                          "  user:          "
                              + u.name().orElse("(no name)")
                              + " ("
                              + u.id().base64Url()
                              + ")"));
          out.println("  flags " + flags(a.authData()) + ", counter " + a.authData().signCount());
          a.verification().ifPresent(v -> v.lines().forEach(l -> out.println("  " + l)));
        }
      }
      out.flush();
      for (CredentialTester.Asserted a : assertions) {
        if (a.verification().isPresent()) {
          requireVerified(a.verification().get());
        }
      }
    }
    return KeyDeskCommand.EXIT_OK;
  }

  private static Map<String, Object> toJson(
      CredentialTester.Authentication authentication, CredentialTester.Asserted a) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rpId", authentication.rpId());
    json.put("credentialId", a.credentialId().base64Url());
    a.response()
        .user()
        .ifPresent(
            u -> {
              Map<String, Object> user = new LinkedHashMap<>();
              user.put("id", u.id().base64Url());
              u.name().ifPresent(n -> user.put("name", n));
              u.displayName().ifPresent(n -> user.put("displayName", n));
              json.put("user", user);
            });
    json.put("flags", flagsJson(a.authData()));
    json.put("signCount", a.authData().signCount());
    json.put("clientDataHash", authentication.clientDataHash().hex());
    json.put("authData", a.response().authData().base64Url());
    json.put("signature", a.response().signature().base64Url());
    a.verification().ifPresent(v -> json.put("verification", verificationJson(v)));
    return json;
  }
}
