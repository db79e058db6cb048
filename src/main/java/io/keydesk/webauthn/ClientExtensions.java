package io.keydesk.webauthn;

import static io.keydesk.webauthn.WebAuthnClientException.Code.NOT_ALLOWED;
import static io.keydesk.webauthn.WebAuthnClientException.Code.TYPE_ERROR;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.Info;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client extensions KeyDesk processes (WebAuthn L3 §9-10, CTAP 2.1 section 12): credProps,
 * credProtect (credentialProtectionPolicy + enforceCredentialProtectionPolicy), hmacCreateSecret /
 * hmacGetSecret, prf (through hmac-secret, §10.1.4), minPinLength. Inputs are parsed and checked
 * before any device I/O; unknown extensions are ignored, as §9 asks.
 */
final class ClientExtensions {
  static final String CRED_PROPS = "credProps";
  static final String CRED_PROTECT_POLICY = "credentialProtectionPolicy";
  static final String ENFORCE_CRED_PROTECT = "enforceCredentialProtectionPolicy";
  static final String HMAC_CREATE_SECRET = "hmacCreateSecret";
  static final String HMAC_GET_SECRET = "hmacGetSecret";
  static final String PRF = "prf";
  static final String MIN_PIN_LENGTH = "minPinLength";
  static final String CTAP_CRED_PROTECT = "credProtect";

  static final List<String> CRED_PROTECT_POLICIES =
      List.of(
          "userVerificationOptional",
          "userVerificationOptionalWithCredentialIDList",
          "userVerificationRequired");

  private ClientExtensions() {}

  /** Registration extension inputs. */
  record Create(
      boolean credProps,
      Optional<Integer> credProtect,
      boolean enforceCredProtect,
      boolean hmacCreateSecret,
      boolean prf,
      boolean minPinLength) {

    static Create parse(Optional<ObjectNode> extensions) throws WebAuthnClientException {
      if (extensions.isEmpty()) {
        return new Create(false, Optional.empty(), false, false, false, false);
      }
      ObjectNode in = extensions.get();
      Optional<Integer> credProtect = Optional.empty();
      JsonNode policy = in.get(CRED_PROTECT_POLICY);
      if (policy != null) {
        int index = policy.isTextual() ? CRED_PROTECT_POLICIES.indexOf(policy.textValue()) : -1;
        if (index < 0) {
          throw new WebAuthnClientException(
              TYPE_ERROR,
              "extensions.credentialProtectionPolicy must be one of "
                  + CRED_PROTECT_POLICIES
                  + "; the relying party sent "
                  + policy);
        }
        credProtect = Optional.of(index + 1);
      }
      JsonNode prf = in.get(PRF);
      if (prf != null && !prf.isObject()) {
        throw new WebAuthnClientException(TYPE_ERROR, "extensions.prf must be an object");
      }
      return new Create(
          flag(in, CRED_PROPS),
          credProtect,
          flag(in, ENFORCE_CRED_PROTECT),
          flag(in, HMAC_CREATE_SECRET),
          prf != null,
          flag(in, MIN_PIN_LENGTH));
    }

    /** The CTAP extension inputs for a key, or empty when there are none. */
    Optional<CborMap> toCtap(Info info) throws WebAuthnClientException {
      CborMap.Builder map = CborMap.builder();
      boolean any = false;
      if (credProtect.isPresent()) {
        if (info.supportsExtension(CTAP_CRED_PROTECT)) {
          map.put(CTAP_CRED_PROTECT, (long) credProtect.get());
          any = true;
        } else if (enforceCredProtect && credProtect.get() > 1) {
          throw new WebAuthnClientException(
              NOT_ALLOWED,
              "The site requires credential protection ("
                  + CRED_PROTECT_POLICIES.get(credProtect.get() - 1)
                  + "), which this key does not support. Use a newer key.");
        }
      }
      if ((hmacCreateSecret || prf) && info.supportsExtension(HmacSecret.EXTENSION)) {
        map.put(HmacSecret.EXTENSION, true);
        any = true;
      }
      if (minPinLength && info.supportsExtension(MIN_PIN_LENGTH)) {
        map.put(MIN_PIN_LENGTH, true);
        any = true;
      }
      return any ? Optional.of(map.build()) : Optional.empty();
    }

    /** clientExtensionResults for a new credential. */
    ObjectNode results(boolean residentKey, Optional<CborMap> authenticatorOutputs) {
      ObjectNode out = WebAuthnJson.mapper().createObjectNode();
      if (credProps) {
        out.putObject(CRED_PROPS).put("rk", residentKey);
      }
      boolean hmacCreated =
          authenticatorOutputs
              .flatMap(map -> map.get(HmacSecret.EXTENSION))
              .map(Boolean.TRUE::equals)
              .orElse(false);
      if (hmacCreateSecret) {
        out.put(HMAC_CREATE_SECRET, hmacCreated);
      }
      if (prf) {
        out.putObject(PRF).put("enabled", hmacCreated);
      }
      return out;
    }
  }

  /** One or two hmac-secret salts. */
  record Salts(Bytes first, Optional<Bytes> second) {}

  /** Authentication extension inputs. */
  record Get(
      Optional<Salts> hmacGetSecret,
      Optional<Salts> prfEval,
      Map<Bytes, Salts> prfByCredential,
      boolean prfRequested) {

    static Get parse(Optional<ObjectNode> extensions, List<PublicKeyCredentialDescriptorJSON> allow)
        throws WebAuthnClientException {
      if (extensions.isEmpty()) {
        return new Get(Optional.empty(), Optional.empty(), Map.of(), false);
      }
      ObjectNode in = extensions.get();
      Optional<Salts> hmac = Optional.empty();
      JsonNode hmacNode = in.get(HMAC_GET_SECRET);
      if (hmacNode != null) {
        Bytes salt1 = bytes(hmacNode, "salt1", HMAC_GET_SECRET);
        Optional<Bytes> salt2 =
            hmacNode.has("salt2")
                ? Optional.of(bytes(hmacNode, "salt2", HMAC_GET_SECRET))
                : Optional.empty();
        for (Bytes salt : salt2.map(s -> List.of(salt1, s)).orElse(List.of(salt1))) {
          if (salt.length() != HmacSecret.SALT_LENGTH) {
            throw new WebAuthnClientException(
                TYPE_ERROR,
                "extensions.hmacGetSecret salts must be 32 bytes, not " + salt.length());
          }
        }
        hmac = Optional.of(new Salts(salt1, salt2));
      }
      JsonNode prf = in.get(PRF);
      Optional<Salts> eval = Optional.empty();
      Map<Bytes, Salts> byCredential = new HashMap<>();
      if (prf != null) {
        if (!prf.isObject()) {
          throw new WebAuthnClientException(TYPE_ERROR, "extensions.prf must be an object");
        }
        if (prf.has("eval")) {
          eval = Optional.of(prfSalts(prf.get("eval"), "prf.eval"));
        }
        JsonNode byCred = prf.get("evalByCredential");
        if (byCred != null && !byCred.isEmpty()) {
          if (allow.isEmpty()) {
            throw new WebAuthnClientException(
                TYPE_ERROR, "extensions.prf.evalByCredential needs allowCredentials (§10.1.4).");
          }
          Iterator<Map.Entry<String, JsonNode>> fields = byCred.fields();
          while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            Bytes id;
            try {
              id = Bytes.fromBase64Url(entry.getKey());
            } catch (IllegalArgumentException e) {
              throw new WebAuthnClientException(
                  TYPE_ERROR, "extensions.prf.evalByCredential key is not base64url");
            }
            if (allow.stream().noneMatch(d -> d.id().equals(id))) {
              throw new WebAuthnClientException(
                  TYPE_ERROR,
                  "extensions.prf.evalByCredential names a credential that is not in"
                      + " allowCredentials (§10.1.4).");
            }
            byCredential.put(id, prfSalts(entry.getValue(), "prf.evalByCredential"));
          }
        }
      }
      return new Get(hmac, eval, Map.copyOf(byCredential), prf != null);
    }

    /** The PRF salts to use for the credential that will answer, if any. */
    Optional<Salts> prfFor(Optional<Bytes> credentialId) {
      if (credentialId.isPresent() && prfByCredential.containsKey(credentialId.get())) {
        return Optional.of(prfByCredential.get(credentialId.get()));
      }
      return prfEval;
    }

    private static Salts prfSalts(JsonNode node, String member) throws WebAuthnClientException {
      Bytes first = bytes(node, "first", member);
      Optional<Bytes> second =
          node.has("second") ? Optional.of(bytes(node, "second", member)) : Optional.empty();
      return new Salts(Prf.salt(first), second.map(Prf::salt));
    }
  }

  private static boolean flag(ObjectNode in, String name) throws WebAuthnClientException {
    JsonNode node = in.get(name);
    if (node == null) {
      return false;
    }
    if (!node.isBoolean()) {
      throw new WebAuthnClientException(TYPE_ERROR, "extensions." + name + " must be a boolean");
    }
    return node.booleanValue();
  }

  private static Bytes bytes(JsonNode parent, String name, String member)
      throws WebAuthnClientException {
    JsonNode node = parent == null ? null : parent.get(name);
    if (node == null || !node.isTextual()) {
      throw new WebAuthnClientException(
          TYPE_ERROR, "extensions." + member + "." + name + " must be a base64url string");
    }
    try {
      return Bytes.fromBase64Url(node.textValue());
    } catch (IllegalArgumentException e) {
      throw new WebAuthnClientException(
          WebAuthnClientException.Code.ENCODING_ERROR,
          "extensions." + member + "." + name + " is not valid base64url");
    }
  }
}
