package io.keydesk.hid;

import io.keydesk.cbor.Bytes;
import java.util.Set;

/**
 * The CTAPHID_INIT response (CTAP 2.1 section 11.2.9.1.3): the nonce echoed back, the allocated
 * channel, the CTAPHID protocol version, the device version and capability flags.
 */
public record CtapHidInitResponse(
    Bytes nonce,
    int channelId,
    int protocolVersion,
    int majorVersion,
    int minorVersion,
    int buildVersion,
    int capabilityFlags) {
  public static final int NONCE_LENGTH = 8;

  /** nonce(8) CID(4) protocol(1) major(1) minor(1) build(1) capabilities(1). */
  public static final int LENGTH = 17;

  public CtapHidInitResponse {
    if (nonce.length() != NONCE_LENGTH) {
      throw new IllegalArgumentException("INIT nonce must be 8 bytes, got " + nonce.length());
    }
    if (channelId == 0 || channelId == CtapHidCommand.BROADCAST_CID) {
      throw new IllegalArgumentException(
          String.format("0x%08X is not a channel a device may allocate", channelId));
    }
    for (int octet : new int[] {protocolVersion, majorVersion, minorVersion, buildVersion}) {
      if (octet < 0 || octet > 0xFF) {
        throw new IllegalArgumentException("version fields are single bytes");
      }
    }
  }

  /**
   * Parses an INIT response payload.
   *
   * @throws IllegalArgumentException when it is shorter than 17 bytes or allocates a reserved CID
   */
  public static CtapHidInitResponse parse(byte[] payload) {
    if (payload.length < LENGTH) {
      throw new IllegalArgumentException(
          "INIT response of " + payload.length + " bytes, expected " + LENGTH);
    }
    return new CtapHidInitResponse(
        Bytes.of(payload, 0, NONCE_LENGTH),
        CtapHidFrames.cid(payload, NONCE_LENGTH),
        payload[12] & 0xFF,
        payload[13] & 0xFF,
        payload[14] & 0xFF,
        payload[15] & 0xFF,
        payload[16] & 0xFF);
  }

  public Set<CtapHidCapability> capabilities() {
    return CtapHidCapability.fromFlags(capabilityFlags);
  }

  /** The device version as major.minor.build. */
  public String deviceVersion() {
    return majorVersion + "." + minorVersion + "." + buildVersion;
  }
}
