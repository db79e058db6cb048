package io.keydesk.webauthn;

import static io.keydesk.webauthn.WebAuthnClientException.Code.ENCODING_ERROR;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.keydesk.cbor.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;

/**
 * WebAuthn L3 §5.8.1 CollectedClientData and its byte-exact serialization (§5.8.1.1): members in
 * the order type, challenge, origin, crossOrigin, then topOrigin only when crossOrigin is true,
 * strings escaped by CCDToString, compact UTF-8. {@link #toJson()} gives the bytes that are both
 * hashed for the authenticator and sent to the relying party.
 */
public record CollectedClientData(
    String type, Bytes challenge, String origin, boolean crossOrigin, Optional<String> topOrigin) {
  public static final String TYPE_CREATE = "webauthn.create";
  public static final String TYPE_GET = "webauthn.get";

  public CollectedClientData {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(challenge, "challenge");
    Objects.requireNonNull(origin, "origin");
    topOrigin = Members.optional(topOrigin);
    if (topOrigin.isPresent() && !crossOrigin) {
      throw new IllegalArgumentException("topOrigin is only present when crossOrigin is true");
    }
  }

  /** Client data for a same-origin registration (the only kind a desktop client makes). */
  public static CollectedClientData create(Bytes challenge, String origin) {
    return new CollectedClientData(TYPE_CREATE, challenge, origin, false, Optional.empty());
  }

  /** Client data for a same-origin authentication. */
  public static CollectedClientData get(Bytes challenge, String origin) {
    return new CollectedClientData(TYPE_GET, challenge, origin, false, Optional.empty());
  }

  /** The clientDataJSON bytes, per the limited serialization of §5.8.1.1. */
  public Bytes toJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 + origin.length());
    out.writeBytes(ascii("{\"type\":"));
    ccdToString(type, out);
    out.writeBytes(ascii(",\"challenge\":"));
    ccdToString(challenge.base64Url(), out);
    out.writeBytes(ascii(",\"origin\":"));
    ccdToString(origin, out);
    out.writeBytes(ascii(crossOrigin ? ",\"crossOrigin\":true" : ",\"crossOrigin\":false"));
    if (topOrigin.isPresent()) {
      out.writeBytes(ascii(",\"topOrigin\":"));
      ccdToString(topOrigin.get(), out);
    }
    out.write('}');
    return Bytes.of(out.toByteArray());
  }

  /** SHA-256 of {@link #toJson()}: the clientDataHash sent to the authenticator. */
  public Bytes hash() {
    return clientDataHash(toJson());
  }

  /** SHA-256 of exactly the given clientDataJSON bytes (§5.8.1 "hash of the serialized"). */
  public static Bytes clientDataHash(Bytes clientDataJson) {
    try {
      return Bytes.of(MessageDigest.getInstance("SHA-256").digest(clientDataJson.toArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Parses clientDataJSON for verification. Like a relying party (§7.1 step 5) it does not require
   * the member order of the serialization, and it ignores members it does not know (the spec's test
   * vectors carry an "extraData" member). Requires type, challenge and origin.
   */
  public static CollectedClientData parse(Bytes clientDataJson) throws WebAuthnClientException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(clientDataJson.toArray()))
              .toString();
    } catch (CharacterCodingException e) {
      throw new WebAuthnClientException(ENCODING_ERROR, "clientDataJSON is not valid UTF-8", e);
    }
    JsonNode root;
    try {
      root = WebAuthnJson.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new WebAuthnClientException(
          ENCODING_ERROR, "clientDataJSON is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new WebAuthnClientException(ENCODING_ERROR, "clientDataJSON is not a JSON object");
    }
    String type = text(root, "type");
    String challengeText = text(root, "challenge");
    String origin = text(root, "origin");
    Bytes challenge;
    try {
      if (!challengeText.matches("[A-Za-z0-9_-]*")) {
        throw new IllegalArgumentException("unexpected character");
      }
      challenge = Bytes.fromBase64Url(challengeText);
    } catch (IllegalArgumentException e) {
      throw new WebAuthnClientException(
          ENCODING_ERROR, "clientDataJSON challenge is not base64url without padding", e);
    }
    JsonNode cross = root.get("crossOrigin");
    if (cross != null && !cross.isBoolean()) {
      throw new WebAuthnClientException(
          ENCODING_ERROR, "clientDataJSON crossOrigin is not a boolean");
    }
    boolean crossOrigin = cross != null && cross.booleanValue();
    Optional<String> topOrigin = Optional.empty();
    if (root.has("topOrigin")) {
      topOrigin = Optional.of(text(root, "topOrigin"));
      if (!crossOrigin) {
        throw new WebAuthnClientException(
            ENCODING_ERROR, "clientDataJSON has topOrigin but crossOrigin is not true");
      }
    }
    return new CollectedClientData(type, challenge, origin, crossOrigin, topOrigin);
  }

  private static String text(JsonNode root, String member) throws WebAuthnClientException {
    JsonNode node = root.get(member);
    if (node == null || !node.isTextual()) {
      throw new WebAuthnClientException(
          ENCODING_ERROR, "clientDataJSON member \"" + member + "\" is missing or not a string");
    }
    return node.textValue();
  }

  /**
   * CCDToString (§5.8.1.2): a quote, then per code point: U+0020, U+0021, U+0023..U+005B and
   * U+005D..U+10FFFF as UTF-8; '"' as \"; '\' as \\; anything else (C0 controls) as \\u and four
   * lowercase hex digits; then a quote.
   */
  static void ccdToString(String value, ByteArrayOutputStream out) {
    out.write('"');
    for (int i = 0; i < value.length(); ) {
      int codePoint = value.codePointAt(i);
      if (Character.isSurrogate(value.charAt(i)) && Character.charCount(codePoint) == 1) {
        throw new IllegalArgumentException(
            "unpaired surrogate at index " + i + " cannot be encoded in clientDataJSON");
      }
      if (codePoint == 0x22) {
        out.writeBytes(ascii("\\\""));
      } else if (codePoint == 0x5C) {
        out.writeBytes(ascii("\\\\"));
      } else if (codePoint >= 0x20) {
        out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
      } else {
        out.writeBytes(ascii(String.format("\\u%04x", codePoint)));
      }
      i += Character.charCount(codePoint);
    }
    out.write('"');
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
