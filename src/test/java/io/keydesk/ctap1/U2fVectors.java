package io.keydesk.ctap1;

import io.keydesk.cbor.Bytes;

/** Examples from FIDO U2F Raw Message Formats v1.2, sections 8.1 (registration) and 8.2. */
final class U2fVectors {
  private U2fVectors() {}

  /** 8.1: SHA-256 of the enrollment client data. */
  static final Bytes REGISTER_CHALLENGE =
      Bytes.fromHex("4142d21c00d94ffb9d504ada8f99b721f4b191ae4e37ca0140f696b6983cfacb");

  /** 8.1: SHA-256 of "http://example.com". */
  static final Bytes REGISTER_APPLICATION =
      Bytes.fromHex("f0e6a6a97042a4f1f1c87f5f7d44315b2d852c2df5c7991cc66241bf7072d1c4");

  static final Bytes USER_PUBLIC_KEY =
      Bytes.fromHex(
          "04b174bc49c7ca254b70d2e5c207cee9cf174820ebd77ea3c65508c26da51b657c1cc6b952f8621697936482"
              + "da0a6d3d3826a59095daf6cd7c03e2e60385d2f6d9");

  static final Bytes KEY_HANDLE =
      Bytes.fromHex(
          "2a552dfdb7477ed65fd84133f86196010b2215b57da75d315b7b9e8fe2e3925a6019551bab61d16591659cba"
              + "f00b4950f7abfe6660e2e006f76868b772d70c25");

  static final Bytes ATTESTATION_CERTIFICATE =
      Bytes.fromHex(
          "3082013c3081e4a003020102020a47901280001155957352300a06082a8648ce3d04030230173115301306"
              + "03550403130c476e756262792050696c6f74301e170d3132303831343138323933325a170d313330383134"
              + "3138323933325a3031312f302d0603550403132650696c6f74476e756262792d302e342e312d3437393031"
              + "3238303030313135353935373335323059301306072a8648ce3d020106082a8648ce3d030107034200048d"
              + "617e65c9508e64bcc5673ac82a6799da3c1446682c258c463fffdf58dfd2fa3e6c378b53d795c4a4dffb41"
              + "99edd7862f23abaf0203b4b8911ba0569994e101300a06082a8648ce3d0403020347003044022060cdb606"
              + "1e9c22262d1aac1d96d8c70829b2366531dda268832cb836bcd30dfa0220631b1459f09e6330055722c8d8"
              + "9b7f48883b9089b88d60d1d9795902b30410df");

  static final Bytes REGISTER_SIGNATURE =
      Bytes.fromHex(
          "304502201471899bcc3987e62e8202c9b39c33c19033f7340352dba80fcab017db9230e402210082677d67"
              + "3d891933ade6f617e5dbde2e247e70423fd5ad7804a6d3d3961ef871");

  static final Bytes REGISTER_RESPONSE =
      Bytes.concat(
          Bytes.fromHex("05"),
          USER_PUBLIC_KEY,
          Bytes.fromHex("40"),
          KEY_HANDLE,
          ATTESTATION_CERTIFICATE,
          REGISTER_SIGNATURE);

  /** 8.2: SHA-256 of the sign client data. */
  static final Bytes SIGN_CHALLENGE =
      Bytes.fromHex("ccd6ee2e47baef244d49a222db496bad0ef5b6f93aa7cc4d30c4821b3b9dbc57");

  /** 8.2: SHA-256 of "https://gstatic.com/securitykey/a/example.com". */
  static final Bytes SIGN_APPLICATION =
      Bytes.fromHex("4b0be934baebb5d12d26011b69227fa5e86df94e7d94aa2949a89f2d493992ca");

  /** 8.2: the public key of the signing credential (a different one from 8.1). */
  static final Bytes SIGN_PUBLIC_KEY =
      Bytes.fromBase64Url(
          "BNNo8bZlut48M6IPHkKcd1DVAzZgwBkRnSmqS6erwEqnyApGu-EcqMtWdNdPMfipA_a60QX7ardK7-9NuLACXh0");

  static final Bytes SIGN_RESPONSE =
      Bytes.fromHex(
          "0100000001304402204b5f0cd17534cedd8c34ee09570ef542a353df4436030ce43d406de870b847780220"
              + "267bb998fac9b7266eb60e7cb0b5eabdfd5ba9614f53c7b22272ec10047a923f");
}
