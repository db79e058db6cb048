package io.keydesk.mds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a FIDO MDS3 metadata BLOB and extracts its FIDO2 entries (FIDO Metadata Service 3.0,
 * section 3.2, "Metadata BLOB object processing rules"):
 *
 * <ol>
 *   <li>the BLOB is a JWT in compact serialization whose header has {@code alg} ES256 or RS256 and
 *       an {@code x5c} certificate chain (an {@code x5u} alone is refused: KeyDesk works offline);
 *   <li>the chain validates (PKIX, at the clock's time) up to the trust anchor, GlobalSign Root CA
 *       - R3 in production;
 *   <li>the signature verifies with the chain's first (leaf) certificate;
 *   <li>{@code nextUpdate} has not passed; {@code no} is a non-negative integer.
 * </ol>
 *
 * <p>Revocation (the CRLs of step 3) is not checked: this machine may have no network. A BLOB is
 * only accepted when its chain is otherwise valid today, which bounds the exposure to the
 * certificates' lifetime.
 */
public final class MdsBlobVerifier {
  /** Where users download the BLOB; said in every refusal. */
  public static final String DOWNLOAD_URL = "https://mds3.fidoalliance.org/";

  private static final Logger LOG = LoggerFactory.getLogger(MdsBlobVerifier.class);
  private static final String DOWNLOAD_AGAIN =
      " Download the BLOB again from " + DOWNLOAD_URL + " and import that file.";

  private final X509Certificate trustAnchor;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param trustAnchor the root the BLOB's chain must lead to
   * @param clock today's date for certificate validity and {@code nextUpdate}
   */
  public MdsBlobVerifier(X509Certificate trustAnchor, Clock clock) {
    this.trustAnchor = Objects.requireNonNull(trustAnchor, "trustAnchor");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The production verifier: BLOBs of the FIDO Alliance, under GlobalSign Root CA - R3. */
  public static MdsBlobVerifier fidoAlliance(Clock clock) {
    return new MdsBlobVerifier(GlobalSignRoot.certificate(), clock);
  }

  /**
   * Verifies the BLOB and returns its FIDO2 entries.
   *
   * @throws MdsException when the BLOB is malformed, tampered with, not signed under the trust
   *     anchor, or expired
   */
  public MdsBlob verify(String compactJwt) {
    CompactJws jws = CompactJws.parse(compactJwt, json);
    String alg = jws.algorithm();
    if (!alg.equals(CompactJws.ES256) && !alg.equals(CompactJws.RS256)) {
      throw CompactJws.unsupported(alg);
    }
    if (jws.header().hasNonNull("crit")) {
      throw new MdsException(
          "The metadata BLOB's header has critical extensions ('crit') KeyDesk does not know."
              + DOWNLOAD_AGAIN);
    }
    List<X509Certificate> chain = chain(jws.header());
    validateChain(chain);
    if (!jws.verify(chain.get(0).getPublicKey())) {
      throw new MdsException(
          "The metadata BLOB's signature does not verify: the file was modified or damaged."
              + DOWNLOAD_AGAIN);
    }
    return payload(jws.payload());
  }

  private List<X509Certificate> chain(JsonNode header) {
    JsonNode x5c = header.get("x5c");
    if (x5c == null || !x5c.isArray() || x5c.isEmpty()) {
      throw new MdsException(
          "The metadata BLOB's header has no x5c certificate chain, so KeyDesk cannot check who"
              + " signed it."
              + DOWNLOAD_AGAIN);
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> chain = new ArrayList<>();
      for (JsonNode entry : x5c) {
        // RFC 7515 section 4.1.6: standard base64 (not base64url) DER.
        byte[] der = Base64.getDecoder().decode(entry.asText());
        chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      }
      return chain;
    } catch (CertificateException | IllegalArgumentException e) {
      throw new MdsException(
          "The metadata BLOB's x5c header holds something that is not a certificate."
              + DOWNLOAD_AGAIN,
          e);
    }
  }

  private void validateChain(List<X509Certificate> chain) {
    // The anchor itself may close the chain; PKIX wants the path without it.
    List<X509Certificate> path = new ArrayList<>(chain);
    while (!path.isEmpty() && path.get(path.size() - 1).equals(trustAnchor)) {
      path.remove(path.size() - 1);
    }
    String anchor = trustAnchor.getSubjectX500Principal().getName();
    if (path.isEmpty()) {
      throw new MdsException(
          "The metadata BLOB is signed by the root certificate itself, which the FIDO Alliance"
              + " never does."
              + DOWNLOAD_AGAIN);
    }
    try {
      PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(trustAnchor, null)));
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(clock.instant()));
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
    } catch (CertPathValidatorException e) {
      throw new MdsException(
          "The metadata BLOB's certificate chain does not lead to the trusted root "
              + anchor
              + " ("
              + e.getMessage()
              + "): it was not published by the FIDO Alliance, or a certificate expired."
              + DOWNLOAD_AGAIN,
          e);
    } catch (GeneralSecurityException e) {
      throw new MdsException("Cannot check the metadata BLOB's certificate chain: " + e, e);
    }
  }

  private MdsBlob payload(byte[] bytes) {
    JsonNode root;
    try {
      root = json.readTree(bytes);
    } catch (IOException e) {
      throw invalidPayload("it is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw invalidPayload("it is not a JSON object");
    }
    JsonNode no = root.get("no");
    if (no == null || !no.canConvertToLong() || !no.isIntegralNumber() || no.asLong() < 0) {
      throw invalidPayload("its serial number 'no' is missing or not a non-negative integer");
    }
    LocalDate nextUpdate;
    try {
      nextUpdate = LocalDate.parse(root.path("nextUpdate").asText(""));
    } catch (DateTimeParseException e) {
      throw invalidPayload("its 'nextUpdate' is missing or not a date (YYYY-MM-DD)");
    }
    if (MdsBlob.today(clock).isAfter(nextUpdate)) {
      throw new MdsException(
          "The metadata BLOB expired: its nextUpdate was "
              + nextUpdate
              + " (BLOB number "
              + no.asLong()
              + "). Download the current BLOB from "
              + DOWNLOAD_URL
              + " and import it.");
    }
    JsonNode entries = root.get("entries");
    if (entries == null || !entries.isArray()) {
      throw invalidPayload("it has no 'entries' array");
    }
    Map<UUID, AuthenticatorModel> models = new LinkedHashMap<>();
    for (JsonNode entry : entries) {
      model(entry)
          .ifPresent(
              m -> {
                if (models.putIfAbsent(m.aaguid(), m) != null) {
                  LOG.debug("MDS BLOB lists AAGUID {} twice; keeping the first entry", m.aaguid());
                }
              });
    }
    Optional<String> legal = Optional.ofNullable(root.path("legalHeader").textValue());
    return new MdsBlob(no.asLong(), nextUpdate, legal, List.copyOf(models.values()));
  }

  /** A FIDO2 entry (one with an aaguid and a description); UAF and U2F entries are skipped. */
  static Optional<AuthenticatorModel> model(JsonNode entry) {
    String aaguidText = entry.path("aaguid").textValue();
    if (aaguidText == null) {
      return Optional.empty();
    }
    UUID aaguid;
    try {
      aaguid = Aaguids.parse(aaguidText);
    } catch (IllegalArgumentException e) {
      LOG.debug("MDS entry with a malformed aaguid skipped: {}", aaguidText);
      return Optional.empty();
    }
    JsonNode statement = entry.path("metadataStatement");
    String name = statement.path("description").textValue();
    if (name == null || name.isBlank()) {
      LOG.debug("MDS entry {} has no description; skipped", aaguid);
      return Optional.empty();
    }
    Optional<String> icon =
        Optional.ofNullable(statement.path("icon").textValue()).filter(i -> i.startsWith("data:"));
    JsonNode latest = null;
    JsonNode latestCertified = null;
    for (JsonNode report : entry.path("statusReports")) {
      String status = report.path("status").asText("");
      if (status.isEmpty()) {
        continue;
      }
      // Reports are not ordered by the spec; the latest effectiveDate wins, later ties win.
      if (latest == null || !isBefore(report, latest)) {
        latest = report;
      }
      if (status.startsWith("FIDO_CERTIFIED")
          && (latestCertified == null || !isBefore(report, latestCertified))) {
        latestCertified = report;
      }
    }
    return Optional.of(
        new AuthenticatorModel(
            aaguid,
            name,
            Optional.empty(),
            icon,
            Optional.ofNullable(latestCertified).map(r -> r.path("status").asText()),
            Optional.ofNullable(latest).map(r -> r.path("status").asText()),
            AuthenticatorModel.Source.MDS));
  }

  /** effectiveDate is an ISO date, so text order is date order; a missing date is the earliest. */
  private static boolean isBefore(JsonNode report, JsonNode other) {
    return report.path("effectiveDate").asText("").compareTo(other.path("effectiveDate").asText(""))
        < 0;
  }

  private static MdsException invalidPayload(String why) {
    return new MdsException(
        "The metadata BLOB's payload is not an MDS3 metadata BLOB: " + why + "." + DOWNLOAD_AGAIN);
  }
}
