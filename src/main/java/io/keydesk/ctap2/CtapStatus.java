package io.keydesk.ctap2;

import java.util.HashMap;
import java.util.Map;

/**
 * CTAP2 status codes (CTAP 2.1 section 8.2, plus the 2.2 additions), each with a message that says
 * what happened and what the user can do next. An unknown code becomes {@link #unknown(int)}.
 */
public record CtapStatus(int code, String name, String message) {
  private static final Map<Integer, CtapStatus> KNOWN = new HashMap<>();

  public static final CtapStatus OK = known(0x00, "CTAP2_OK", "Success.");
  public static final CtapStatus INVALID_COMMAND =
      known(0x01, "CTAP1_ERR_INVALID_COMMAND", "The key does not support this command.");
  public static final CtapStatus INVALID_PARAMETER =
      known(0x02, "CTAP1_ERR_INVALID_PARAMETER", "The key rejected a parameter of the request.");
  public static final CtapStatus INVALID_LENGTH =
      known(0x03, "CTAP1_ERR_INVALID_LENGTH", "The key rejected the length of the request.");
  public static final CtapStatus INVALID_SEQ =
      known(0x04, "CTAP1_ERR_INVALID_SEQ", "The key saw packets out of order; try again.");
  public static final CtapStatus TIMEOUT =
      known(0x05, "CTAP1_ERR_TIMEOUT", "The key timed out; try again.");
  public static final CtapStatus CHANNEL_BUSY =
      known(0x06, "CTAP1_ERR_CHANNEL_BUSY", "The key is busy with another application; try again.");
  public static final CtapStatus LOCK_REQUIRED =
      known(0x0A, "CTAP1_ERR_LOCK_REQUIRED", "The key is locked by another application.");
  public static final CtapStatus INVALID_CHANNEL =
      known(0x0B, "CTAP1_ERR_INVALID_CHANNEL", "The key does not know this channel; reconnect.");
  public static final CtapStatus CBOR_UNEXPECTED_TYPE =
      known(0x11, "CTAP2_ERR_CBOR_UNEXPECTED_TYPE", "The key rejected a value of the wrong type.");
  public static final CtapStatus INVALID_CBOR =
      known(0x12, "CTAP2_ERR_INVALID_CBOR", "The key could not parse the request.");
  public static final CtapStatus MISSING_PARAMETER =
      known(0x14, "CTAP2_ERR_MISSING_PARAMETER", "The request lacks a parameter the key needs.");
  public static final CtapStatus LIMIT_EXCEEDED =
      known(0x15, "CTAP2_ERR_LIMIT_EXCEEDED", "A limit of the key was exceeded.");
  public static final CtapStatus FP_DATABASE_FULL =
      known(0x17, "CTAP2_ERR_FP_DATABASE_FULL",
          "The key has no room for another fingerprint; remove one first.");
  public static final CtapStatus LARGE_BLOB_STORAGE_FULL =
      known(0x18, "CTAP2_ERR_LARGE_BLOB_STORAGE_FULL", "The key's large-blob storage is full.");
  public static final CtapStatus CREDENTIAL_EXCLUDED =
      known(0x19, "CTAP2_ERR_CREDENTIAL_EXCLUDED",
          "This key is already registered for this account; use another key.");
  public static final CtapStatus PROCESSING =
      known(0x21, "CTAP2_ERR_PROCESSING", "The key is still processing; try again.");
  public static final CtapStatus INVALID_CREDENTIAL =
      known(0x22, "CTAP2_ERR_INVALID_CREDENTIAL", "The key does not recognise that credential.");
  public static final CtapStatus USER_ACTION_PENDING =
      known(0x23, "CTAP2_ERR_USER_ACTION_PENDING", "The key is waiting for you; touch it.");
  public static final CtapStatus OPERATION_PENDING =
      known(0x24, "CTAP2_ERR_OPERATION_PENDING", "The key is busy with another operation.");
  public static final CtapStatus NO_OPERATIONS =
      known(0x25, "CTAP2_ERR_NO_OPERATIONS", "There is no pending operation to continue.");
  public static final CtapStatus UNSUPPORTED_ALGORITHM =
      known(0x26, "CTAP2_ERR_UNSUPPORTED_ALGORITHM",
          "The key supports none of the requested algorithms.");
  public static final CtapStatus OPERATION_DENIED =
      known(0x27, "CTAP2_ERR_OPERATION_DENIED", "The key refused the operation.");
  public static final CtapStatus KEY_STORE_FULL =
      known(0x28, "CTAP2_ERR_KEY_STORE_FULL",
          "The key has no room for another passkey; delete one you no longer use and try again.");
  public static final CtapStatus UNSUPPORTED_OPTION =
      known(0x2B, "CTAP2_ERR_UNSUPPORTED_OPTION", "The key does not support a requested option.");
  public static final CtapStatus INVALID_OPTION =
      known(0x2C, "CTAP2_ERR_INVALID_OPTION", "The key rejected a requested option.");
  public static final CtapStatus KEEPALIVE_CANCEL =
      known(0x2D, "CTAP2_ERR_KEEPALIVE_CANCEL", "Cancelled.");
  public static final CtapStatus NO_CREDENTIALS =
      known(0x2E, "CTAP2_ERR_NO_CREDENTIALS",
          "This key holds no credential for this site; try another key.");
  public static final CtapStatus USER_ACTION_TIMEOUT =
      known(0x2F, "CTAP2_ERR_USER_ACTION_TIMEOUT",
          "The key was not touched in time; try again and touch it when it blinks.");
  public static final CtapStatus NOT_ALLOWED =
      known(0x30, "CTAP2_ERR_NOT_ALLOWED", "The key does not allow this right now.");
  public static final CtapStatus PIN_INVALID =
      known(0x31, "CTAP2_ERR_PIN_INVALID", "Wrong PIN; check it and try again.");
  public static final CtapStatus PIN_BLOCKED =
      known(0x32, "CTAP2_ERR_PIN_BLOCKED",
          "The PIN is blocked after too many wrong attempts; only a reset of the key helps, and a"
              + " reset erases every credential on it.");
  public static final CtapStatus PIN_AUTH_INVALID =
      known(0x33, "CTAP2_ERR_PIN_AUTH_INVALID",
          "The key rejected the PIN authentication; try again.");
  public static final CtapStatus PIN_AUTH_BLOCKED =
      known(0x34, "CTAP2_ERR_PIN_AUTH_BLOCKED",
          "Too many wrong PINs in a row; remove the key, insert it again, and retry.");
  public static final CtapStatus PIN_NOT_SET =
      known(0x35, "CTAP2_ERR_PIN_NOT_SET", "The key has no PIN yet; set one first.");
  public static final CtapStatus PUAT_REQUIRED =
      known(0x36, "CTAP2_ERR_PUAT_REQUIRED",
          "The key requires your PIN (or fingerprint) for this; enter it and try again.");
  public static final CtapStatus PIN_POLICY_VIOLATION =
      known(0x37, "CTAP2_ERR_PIN_POLICY_VIOLATION",
          "The key does not accept this PIN; choose a longer or different one.");
  public static final CtapStatus REQUEST_TOO_LARGE =
      known(0x39, "CTAP2_ERR_REQUEST_TOO_LARGE", "The request is too large for the key.");
  public static final CtapStatus ACTION_TIMEOUT =
      known(0x3A, "CTAP2_ERR_ACTION_TIMEOUT", "The key timed out waiting; try again.");
  public static final CtapStatus UP_REQUIRED =
      known(0x3B, "CTAP2_ERR_UP_REQUIRED", "The key needs a touch for this.");
  public static final CtapStatus UV_BLOCKED =
      known(0x3C, "CTAP2_ERR_UV_BLOCKED",
          "Fingerprint verification is blocked after too many failures; use your PIN.");
  public static final CtapStatus INTEGRITY_FAILURE =
      known(0x3D, "CTAP2_ERR_INTEGRITY_FAILURE", "The key reported an integrity failure.");
  public static final CtapStatus INVALID_SUBCOMMAND =
      known(0x3E, "CTAP2_ERR_INVALID_SUBCOMMAND", "The key does not support this subcommand.");
  public static final CtapStatus UV_INVALID =
      known(0x3F, "CTAP2_ERR_UV_INVALID", "Your fingerprint was not recognised; try again.");
  public static final CtapStatus UNAUTHORIZED_PERMISSION =
      known(0x40, "CTAP2_ERR_UNAUTHORIZED_PERMISSION",
          "The PIN token does not permit this operation.");
  public static final CtapStatus OTHER =
      known(0x7F, "CTAP1_ERR_OTHER", "The key reported an unspecified error.");
  public static final CtapStatus SPEC_LAST =
      known(0xDF, "CTAP2_ERR_SPEC_LAST", "The key reported an error reserved by the specification.");

  private static CtapStatus known(int code, String name, String message) {
    CtapStatus status = new CtapStatus(code, name, message);
    KNOWN.put(code, status);
    return status;
  }

  /** The status for {@code code}: a known one, or UNKNOWN(code) naming the byte. */
  public static CtapStatus fromCode(int code) {
    CtapStatus status = KNOWN.get(code & 0xFF);
    return status != null ? status : unknown(code & 0xFF);
  }

  public static CtapStatus unknown(int code) {
    String kind =
        code >= 0xE0 && code <= 0xEF ? "extension" : code >= 0xF0 ? "vendor" : "unknown";
    return new CtapStatus(
        code,
        String.format("UNKNOWN(0x%02X)", code),
        String.format("The key reported %s error 0x%02X.", kind, code));
  }

  public boolean isKnown() {
    return KNOWN.get(code) == this;
  }

  @Override
  public String toString() {
    return String.format("%s (0x%02X)", name, code);
  }
}
