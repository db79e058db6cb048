package io.keydesk.authenticator;

import io.keydesk.hid.CtapHidFrames;
import java.time.Duration;

/**
 * Tunables of {@link CtapHidResponder}.
 *
 * @param maxMessageSize the largest CTAPHID message the device accepts; a longer declared BCNT gets
 *     ERROR INVALID_LEN (CTAP 2.1 section 11.2.4). Defaults to the transport maximum, 7609.
 * @param messageTimeout how long the device waits for the next continuation packet before it
 *     answers ERROR MSG_TIMEOUT (CTAP 2.1 section 11.2.9.1.6)
 * @param keepaliveInterval the period of CTAPHID_KEEPALIVE while a CBOR request is processed (CTAP
 *     2.1 section 11.2.9.1.7: every 100 ms)
 * @param userPresenceTimeout how long a request waits for user presence before it answers
 *     CTAP2_ERR_USER_ACTION_TIMEOUT
 * @param version the device version reported by CTAPHID_INIT
 */
public record ResponderOptions(
    int maxMessageSize,
    Duration messageTimeout,
    Duration keepaliveInterval,
    Duration userPresenceTimeout,
    DeviceVersion version) {

  /** Major, minor and build bytes of the INIT response. */
  public record DeviceVersion(int major, int minor, int build) {
    public DeviceVersion {
      for (int part : new int[] {major, minor, build}) {
        if (part < 0 || part > 0xFF) {
          throw new IllegalArgumentException("device version parts are bytes, not " + part);
        }
      }
    }
  }

  public static final DeviceVersion KEYDESK_VERSION = new DeviceVersion(1, 0, 0);

  public ResponderOptions {
    if (maxMessageSize < CtapHidFrames.INIT_DATA || maxMessageSize > CtapHidFrames.MAX_MESSAGE) {
      throw new IllegalArgumentException(
          "maxMessageSize must be between "
              + CtapHidFrames.INIT_DATA
              + " and "
              + CtapHidFrames.MAX_MESSAGE
              + ", not "
              + maxMessageSize);
    }
    requirePositive("messageTimeout", messageTimeout);
    requirePositive("keepaliveInterval", keepaliveInterval);
    requirePositive("userPresenceTimeout", userPresenceTimeout);
    if (version == null) {
      throw new IllegalArgumentException("version is required");
    }
  }

  /** 7609-byte messages, 500 ms message timeout, 100 ms keepalives, 30 s for user presence. */
  public static ResponderOptions defaults() {
    return new ResponderOptions(
        CtapHidFrames.MAX_MESSAGE,
        Duration.ofMillis(500),
        Duration.ofMillis(100),
        Duration.ofSeconds(30),
        KEYDESK_VERSION);
  }

  public ResponderOptions withMaxMessageSize(int size) {
    return new ResponderOptions(
        size, messageTimeout, keepaliveInterval, userPresenceTimeout, version);
  }

  public ResponderOptions withMessageTimeout(Duration timeout) {
    return new ResponderOptions(
        maxMessageSize, timeout, keepaliveInterval, userPresenceTimeout, version);
  }

  public ResponderOptions withKeepaliveInterval(Duration interval) {
    return new ResponderOptions(
        maxMessageSize, messageTimeout, interval, userPresenceTimeout, version);
  }

  public ResponderOptions withUserPresenceTimeout(Duration timeout) {
    return new ResponderOptions(
        maxMessageSize, messageTimeout, keepaliveInterval, timeout, version);
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, not " + value);
    }
  }
}
