package io.keydesk.cli;

import io.keydesk.app.CredentialTester;
import io.keydesk.app.DeviceSession;
import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.UserEntity;
import io.keydesk.webauthn.AttestationObject;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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

/** {@code keydesk make-credential}: authenticatorMakeCredential at the CTAP level. */
@Command(
    name = "make-credential",
    mixinStandardHelpOptions = true,
    description = {
      "Create a credential on the key (authenticatorMakeCredential), without a browser.",
      "Prints the credential ID and public key (pass them to get-assertion)."
    })
final class MakeCredentialCommand extends CredentialOptions implements Callable<Integer> {
  @ParentCommand KeyDeskCommand root;
  @Spec CommandSpec spec;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      defaultValue = "keydesk-test",
      description =
          "User name; its UTF-8 bytes are the user ID unless --user-id (default: ${DEFAULT-VALUE}).")
  String user;

  @Option(
      names = "--user-id",
      paramLabel = "ID",
      description = "User handle, base64url or 0x-hex (1 to 64 bytes).")
  String userId;

  @Option(names = "--rk", description = "Make a discoverable (resident) credential.")
  boolean rk;

  @Option(
      names = "--alg",
      paramLabel = "ALG",
      split = ",",
      description = "Algorithms in order of preference: ES256, EdDSA, ... (default: ES256).")
  List<String> algs = new ArrayList<>();

  @Option(
      names = "--exclude",
      paramLabel = "CREDENTIAL_ID",
      description = "A credential ID the key must not already hold (repeatable).")
  List<String> exclude = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Bytes handle =
        userId != null
            ? binary("--user-id", userId)
            : Bytes.of(user.getBytes(StandardCharsets.UTF_8));
    if (handle.isEmpty() || handle.length() > UserEntity.MAX_ID_LENGTH) {
      throw new UsageException("The user ID must be 1 to 64 bytes; use --user-id for long names.");
    }
    List<Long> algorithms = new ArrayList<>();
    for (String alg : algs.isEmpty() ? List.of("ES256") : algs) {
      algorithms.add(algorithm(alg));
    }
    CredentialTester.Registration registration =
        new CredentialTester.Registration(
            rp,
            new UserEntity(handle, user, user),
            rk,
            uv,
            algorithms,
            binaries("--exclude", exclude),
            clientDataHash());
    try (DeviceSession session = Sessions.openForTouch(root)) {
      CredentialTester tester = new CredentialTester(session);
      Optional<char[]> pin = pinIfNeeded(tester.needsPin(true, uv, rk), err);
      CredentialTester.Created created =
          tester.makeCredential(registration, pin, verify, TouchPrompt.on(err));
      if (json) {
        out.println(json(toJson(registration, created)));
      } else {
        out.println("Credential created on " + session.describe() + " for " + rp + ":");
        out.println("  credential ID: " + created.credentialId().base64Url());
        out.println("  public key:    " + created.publicKey().base64Url());
        out.println(
            "  format "
                + created.response().fmt()
                + ", flags "
                + flags(created.authData())
                + ", counter "
                + created.authData().signCount());
        created.verification().ifPresent(v -> v.lines().forEach(l -> out.println("  " + l)));
      }
      out.flush();
      if (created.verification().isPresent()) {
        requireVerified(created.verification().get());
      }
    }
    return KeyDeskCommand.EXIT_OK;
  }

  private static Map<String, Object> toJson(
      CredentialTester.Registration registration, CredentialTester.Created created) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rpId", registration.rpId());
    json.put("userId", registration.user().id().base64Url());
    json.put("credentialId", created.credentialId().base64Url());
    json.put("publicKey", created.publicKey().base64Url());
    json.put("fmt", created.response().fmt());
    json.put("flags", flagsJson(created.authData()));
    json.put("signCount", created.authData().signCount());
    json.put("clientDataHash", registration.clientDataHash().hex());
    json.put("authData", created.response().authData().base64Url());
    json.put(
        "attestationObject",
        new AttestationObject(
                created.response().fmt(),
                created.response().attStmt(),
                created.response().authData())
            .toBytes()
            .base64Url());
    created.verification().ifPresent(v -> json.put("verification", verificationJson(v)));
    return json;
  }
}
