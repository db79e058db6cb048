package io.keydesk.ctap2;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * pinUvAuthToken permissions (CTAP 2.1 section 6.5.5.7, plus pcmr from CTAP 2.2). Makes and gets
 * need an RP ID; credential management takes one optionally; the others ignore it.
 */
public enum Permission {
  MAKE_CREDENTIAL(0x01, "mc"),
  GET_ASSERTION(0x02, "ga"),
  CREDENTIAL_MANAGEMENT(0x04, "cm"),
  BIO_ENROLLMENT(0x08, "be"),
  LARGE_BLOB_WRITE(0x10, "lbw"),
  AUTHENTICATOR_CONFIG(0x20, "acfg"),
  /** CTAP 2.2: persistent credential management, read-only. */
  PERSISTENT_CREDENTIAL_MANAGEMENT_READ_ONLY(0x40, "pcmr");

  private final int bit;
  private final String abbreviation;

  Permission(int bit, String abbreviation) {
    this.bit = bit;
    this.abbreviation = abbreviation;
  }

  public int bit() {
    return bit;
  }

  /** The short name the specification uses, such as "mc". */
  public String abbreviation() {
    return abbreviation;
  }

  /** Whether a token with this permission must be bound to an RP ID. */
  public boolean requiresRpId() {
    return this == MAKE_CREDENTIAL || this == GET_ASSERTION;
  }

  /** The permissions parameter (0x09) for a set of permissions. */
  public static int toBits(Collection<Permission> permissions) {
    int bits = 0;
    for (Permission permission : permissions) {
      bits |= permission.bit;
    }
    return bits;
  }

  /** The known permissions in a bit field; unknown bits are dropped. */
  public static Set<Permission> fromBits(long bits) {
    Set<Permission> out = EnumSet.noneOf(Permission.class);
    for (Permission permission : values()) {
      if ((bits & permission.bit) != 0) {
        out.add(permission);
      }
    }
    return out;
  }
}
