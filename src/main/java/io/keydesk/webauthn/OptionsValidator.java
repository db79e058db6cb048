package io.keydesk.webauthn;

import static io.keydesk.webauthn.WebAuthnClientException.Code.NOT_SUPPORTED;
import static io.keydesk.webauthn.WebAuthnClientException.Code.TYPE_ERROR;

import io.keydesk.cbor.Bytes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks a client makes on relying-party options before any device I/O (WebAuthn L3 §5.1.3
 * steps 5 and 10, §5.1.4, §13.4.3 on challenges). Each refusal names the member and says what the
 * relying party must change.
 */
public final class OptionsValidator {
  private static final Logger LOG = LoggerFactory.getLogger(OptionsValidator.class);

  /** §5.1.3 step 5: user.id is 1 to 64 bytes. */
  public static final int MAX_USER_ID_LENGTH = 64;

  /** §6.1 credentialIdLength: at most 1023 bytes. */
  public static final int MAX_CREDENTIAL_ID_LENGTH = 1023;

  /** §13.4.3: challenges SHOULD carry at least 16 random bytes. */
  public static final int MIN_CHALLENGE_LENGTH = 16;

  /** §5.1.3 step 10: an empty pubKeyCredParams means ES256 then RS256. */
  public static final List<Long> DEFAULT_ALGORITHMS = List.of(-7L, -257L);

  private OptionsValidator() {}

  /**
   * Checks creation options and returns the algorithms to ask the authenticator for, in the relying
   * party's order of preference, keeping only those in {@code supportedAlgorithms}.
   *
   * @throws WebAuthnClientException TYPE_ERROR for a bad user.id, challenge or credential ID;
   *     NOT_SUPPORTED when no requested algorithm is supported
   */
  public static List<PublicKeyCredentialParameters> checkCreation(
      PublicKeyCredentialCreationOptionsJSON options, Collection<Long> supportedAlgorithms)
      throws WebAuthnClientException {
    int userIdLength = options.user().id().length();
    if (userIdLength < 1 || userIdLength > MAX_USER_ID_LENGTH) {
      throw new WebAuthnClientException(
          TYPE_ERROR,
          "user.id is "
              + userIdLength
              + " bytes; WebAuthn requires 1 to "
              + MAX_USER_ID_LENGTH
              + " bytes (§5.1.3). The relying party must send a valid user handle.");
    }
    checkChallenge(options.challenge());
    checkCredentialIds(options.excludeCredentials(), "excludeCredentials");
    return chooseAlgorithms(options.pubKeyCredParams(), supportedAlgorithms);
  }

  /**
   * Checks request options.
   *
   * @throws WebAuthnClientException TYPE_ERROR for a bad challenge or credential ID
   */
  public static void checkRequest(PublicKeyCredentialRequestOptionsJSON options)
      throws WebAuthnClientException {
    checkChallenge(options.challenge());
    checkCredentialIds(options.allowCredentials(), "allowCredentials");
  }

  /**
   * A warning when the challenge is shorter than {@value #MIN_CHALLENGE_LENGTH} bytes (allowed but
   * weak, §13.4.3); empty when it is long enough.
   */
  public static Optional<String> challengeWarning(Bytes challenge) {
    if (challenge.length() >= MIN_CHALLENGE_LENGTH) {
      return Optional.empty();
    }
    return Optional.of(
        "the relying party's challenge is only "
            + challenge.length()
            + " bytes; at least "
            + MIN_CHALLENGE_LENGTH
            + " random bytes are recommended (§13.4.3), so replay protection is weak");
  }

  private static void checkChallenge(Bytes challenge) throws WebAuthnClientException {
    if (challenge.isEmpty()) {
      throw new WebAuthnClientException(
          TYPE_ERROR,
          "the challenge is empty; the relying party must send a fresh random challenge"
              + " (§13.4.3).");
    }
    challengeWarning(challenge).ifPresent(LOG::warn);
  }

  private static void checkCredentialIds(
      List<PublicKeyCredentialDescriptorJSON> descriptors, String member)
      throws WebAuthnClientException {
    for (int i = 0; i < descriptors.size(); i++) {
      int length = descriptors.get(i).id().length();
      if (length > MAX_CREDENTIAL_ID_LENGTH) {
        throw new WebAuthnClientException(
            TYPE_ERROR,
            member
                + "["
                + i
                + "].id is "
                + length
                + " bytes; credential IDs are at most "
                + MAX_CREDENTIAL_ID_LENGTH
                + " bytes (§6.1). The relying party's list is corrupt.");
      }
    }
  }

  private static List<PublicKeyCredentialParameters> chooseAlgorithms(
      List<PublicKeyCredentialParameters> requested, Collection<Long> supported)
      throws WebAuthnClientException {
    List<PublicKeyCredentialParameters> effective = requested;
    if (effective.isEmpty()) {
      effective = new ArrayList<>();
      for (long alg : DEFAULT_ALGORITHMS) {
        effective.add(PublicKeyCredentialParameters.publicKey(alg));
      }
    }
    List<PublicKeyCredentialParameters> chosen = new ArrayList<>();
    for (PublicKeyCredentialParameters parameters : effective) {
      boolean known = parameters.type().equals(PublicKeyCredentialParameters.PUBLIC_KEY);
      if (known && supported.contains(parameters.alg()) && !chosen.contains(parameters)) {
        chosen.add(parameters);
      }
    }
    if (chosen.isEmpty()) {
      List<Long> asked = effective.stream().map(PublicKeyCredentialParameters::alg).toList();
      throw new WebAuthnClientException(
          NOT_SUPPORTED,
          "none of the relying party's algorithms "
              + asked
              + " is supported (supported: "
              + List.copyOf(supported)
              + "). Use another security key, or ask the relying party to accept one of those.");
    }
    return List.copyOf(chosen);
  }
}
