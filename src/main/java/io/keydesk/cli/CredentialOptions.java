package io.keydesk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.keydesk.app.CredentialTester;
import io.keydesk.app.InfoSummary;
import io.keydesk.cbor.Bytes;
import io.keydesk.webauthn.AuthenticatorData;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options and output shared by make-credential and get-assertion. */
abstract class CredentialOptions {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Option(
      names = "--rp",
      paramLabel = "RP_ID",
      defaultValue = "example.com",
      description = "Relying party ID (default: ${DEFAULT-VALUE}).")
  String rp;

  @Option(names = "--uv", description = "Ask for user verification (PIN or built-in).")
  boolean uv;

  @Option(
      names = "--pin-stdin",
      description = "Read the PIN as one line from standard input instead of prompting.")
  boolean pinStdin;

  @Option(names = "--json", description = "Print the result as JSON on stdout.")
  boolean json;

  @Option(
      names = "--verify",
      description = "Check the signature (and the flags and rpIdHash) and say whether it holds.")
  boolean verify;

  @Option(
      names = "--client-data-hash",
      paramLabel = "HEX",
      description = "The 32-byte clientDataHash in hex (default: random).")
  String clientDataHash;

  Bytes clientDataHash() throws UsageException {
    if (clientDataHash == null) {
      byte[] random = new byte[32];
      RANDOM.nextBytes(random);
      return Bytes.of(random);
    }
    Bytes hash;
    try {
      hash = Bytes.fromHex(clientDataHash.trim());
    } catch (IllegalArgumentException e) {
      throw new UsageException("--client-data-hash must be hex: " + e.getMessage());
    }
    if (hash.length() != 32) {
      throw new UsageException("--client-data-hash must be 32 bytes, not " + hash.length());
    }
    return hash;
  }

  /** A credential ID or key given as base64url (as KeyDesk prints them) or as hex with 0x. */
  static Bytes binary(String option, String value) throws UsageException {
    try {
      String text = value.trim();
      return text.startsWith("0x") ? Bytes.fromHex(text.substring(2)) : Bytes.fromBase64Url(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          option + " takes base64url (as KeyDesk prints it) or 0x-prefixed hex: " + value);
    }
  }

  static List<Bytes> binaries(String option, List<String> values) throws UsageException {
    List<Bytes> out = new ArrayList<>();
    for (String value : values) {
      out.add(binary(option, value));
    }
    return out;
  }

  /** Reads the PIN when the operation needs it (or --pin-stdin gives one). */
  Optional<char[]> pinIfNeeded(boolean needed, PrintWriter err) throws UsageException, IOException {
    if (!needed && !pinStdin) {
      return Optional.empty();
    }
    return Optional.of(new SecretInput(System.in, err).readPin("PIN: ", pinStdin));
  }

  static String flags(AuthenticatorData authData) {
    List<String> names = new ArrayList<>();
    if (authData.userPresent()) {
      names.add("UP");
    }
    if (authData.userVerified()) {
      names.add("UV");
    }
    if (authData.backupEligible()) {
      names.add("BE");
    }
    if (authData.backedUp()) {
      names.add("BS");
    }
    if (authData.attestedCredentialData().isPresent()) {
      names.add("AT");
    }
    if (authData.extensions().isPresent()) {
      names.add("ED");
    }
    return String.join(" ", names);
  }

  static Map<String, Object> flagsJson(AuthenticatorData authData) {
    Map<String, Object> flags = new LinkedHashMap<>();
    flags.put("up", authData.userPresent());
    flags.put("uv", authData.userVerified());
    flags.put("be", authData.backupEligible());
    flags.put("bs", authData.backedUp());
    flags.put("at", authData.attestedCredentialData().isPresent());
    flags.put("ed", authData.extensions().isPresent());
    return flags;
  }

  static Map<String, Object> verificationJson(CredentialTester.Verification verification) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("verified", verification.verified());
    out.put("checks", verification.lines());
    return out;
  }

  static String json(Object value) {
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static long algorithm(String name) throws UsageException {
    String text = name.trim();
    for (long alg : new long[] {-7, -8, -35, -36, -37, -257}) {
      if (InfoSummary.algorithmName(alg)
          .toLowerCase(Locale.ROOT)
          .equals(text.toLowerCase(Locale.ROOT))) {
        return alg;
      }
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--alg takes ES256, EdDSA, ES384, ES512, PS256, RS256 or a COSE number, not '"
              + name
              + "'");
    }
  }

  /** Fails the command (exit 1) when a requested verification did not hold. */
  static void requireVerified(CredentialTester.Verification verification)
      throws VerificationFailed {
    if (!verification.verified()) {
      throw new VerificationFailed(
          "Verification failed: "
              + verification.lines().stream()
                  .filter(l -> l.contains("NOT") || l.contains("does not"))
                  .findFirst()
                  .orElse(String.join("; ", verification.lines())));
    }
  }

  /** A requested --verify that did not hold (exit 1). */
  static final class VerificationFailed extends Exception {
    VerificationFailed(String message) {
      super(message);
    }
  }
}
