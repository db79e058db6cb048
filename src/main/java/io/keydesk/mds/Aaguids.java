package io.keydesk.mds;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * AAGUIDs as {@link UUID}s: the 16 bytes of the attested credential data (WebAuthn L3 section
 * 6.5.1) or of getInfo (CTAP 2.1 section 6.4), read big-endian, and the canonical text form.
 */
public final class Aaguids {
  /** An AAGUID is 16 bytes. */
  public static final int LENGTH = 16;

  /** The all-zero AAGUID a U2F key or a key using "none" attestation may report. */
  public static final UUID ZERO = new UUID(0, 0);

  private static final Pattern TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

  private Aaguids() {}

  /** The AAGUID of 16 bytes. */
  public static UUID fromBytes(byte[] aaguid) {
    if (aaguid.length != LENGTH) {
      throw new IllegalArgumentException(
          "An AAGUID is " + LENGTH + " bytes, not " + aaguid.length + ".");
    }
    ByteBuffer buffer = ByteBuffer.wrap(aaguid);
    return new UUID(buffer.getLong(), buffer.getLong());
  }

  /**
   * Parses 32 hex digits, with or without the dashes of the 8-4-4-4-12 form ({@link
   * UUID#fromString} is too lenient: it accepts "1-2-3-4-5").
   *
   * @throws IllegalArgumentException with a message for the user when it is not an AAGUID
   */
  public static UUID parse(String text) {
    String trimmed = text.strip();
    if (!TEXT.matcher(trimmed).matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not an AAGUID: give 32 hex digits, e.g."
              + " 2fc0579f-8113-47ea-b116-bb5a8db9202a.");
    }
    String hex = trimmed.replace("-", "").toLowerCase(Locale.ROOT);
    return new UUID(
        Long.parseUnsignedLong(hex.substring(0, 16), 16),
        Long.parseUnsignedLong(hex.substring(16), 16));
  }
}
