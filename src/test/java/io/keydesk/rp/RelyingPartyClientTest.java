package io.keydesk.rp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The account API client against the reference RP over real HTTPS on loopback. */
class RelyingPartyClientTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetup.SMTP.dynamicPort());

  private static final String EMAIL = "ada@example.com";
  private static final char[] PASSWORD = RpTestServer.PASSWORD.toCharArray();

  @TempDir Path dir;
  RpTestServer rp;

  @BeforeEach
  void start() {
    rp = new RpTestServer(mail, dir);
  }

  @AfterEach
  void stop() {
    rp.close();
  }

  @Test
  void selfSignedCertificateIsRefusedWithItsFingerprintUntilPinned() {
    RelyingPartyClient unpinned = new RelyingPartyClient(rp.endpoint(), TrustDecision.systemTrust());
    assertThatThrownBy(unpinned::checkConnection)
        .isInstanceOfSatisfying(
            UntrustedCertificateException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(UntrustedCertificateException.Reason.NOT_TRUSTED);
              assertThat(e.fingerprint()).isEqualTo(TrustDecision.normalize(rp.server.fingerprint()));
              assertThat(e.displayFingerprint()).isEqualTo(rp.server.fingerprint().toUpperCase());
              assertThat(e.getMessage())
                  .contains("does not trust")
                  .contains(rp.server.fingerprint().toUpperCase())
                  .contains("--pin-fingerprint");
            });
    rp.client().checkConnection(); // pinned: fine
  }

  @Test
  void aPinnedFingerprintThatDoesNotMatchIsRefused() {
    String other = "00".repeat(32);
    RelyingPartyClient wrong = new RelyingPartyClient(rp.endpoint(), TrustDecision.pinned(other));
    assertThatThrownBy(() -> wrong.logIn(EMAIL, PASSWORD))
        .isInstanceOfSatisfying(
            UntrustedCertificateException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(UntrustedCertificateException.Reason.PIN_MISMATCH);
              assertThat(e.fingerprint()).isEqualTo(TrustDecision.normalize(rp.server.fingerprint()));
              assertThat(e.getMessage()).contains("not the one pinned");
            });
  }

  @Test
  void pinnedCertificateIsAcceptedOnlyForItselfEvenUnderAnotherHostName() {
    // 127.0.0.1 is not in the certificate's names: the pin alone vouches for it.
    RpEndpoint byAddress = RpEndpoint.parse("https://127.0.0.1:" + rp.server.port());
    new RelyingPartyClient(byAddress, rp.pinned()).checkConnection();
    assertThatThrownBy(
            () -> new RelyingPartyClient(byAddress, TrustDecision.systemTrust()).checkConnection())
        .isInstanceOf(UntrustedCertificateException.class);
  }

  @Test
  void passwordLoginWithoutTwoFactorThenAccountStatusAndLogout() {
    rp.signUp(EMAIL);
    RelyingPartyClient client = rp.client();
    LoginStep step = client.logIn(EMAIL, PASSWORD);
    assertThat(step).isInstanceOf(LoginStep.Authenticated.class);
    RpSession session = ((LoginStep.Authenticated) step).session();
    assertThat(session.expiresAt()).isEqualTo(Instant.parse("2030-01-01T22:00:00Z"));
    assertThat(session.toString()).doesNotContain(session.token());

    AccountStatus status = client.account(session);
    assertThat(status.email()).isEqualTo(EMAIL);
    assertThat(status.twoFactor()).isEqualTo(new TwoFactorStatus(false, 0, false, 0));
    assertThat(status.sudoUntil()).isEmpty();
    assertThat(client.keys(session)).isEqualTo(new KeyList(List.of(), false));

    client.logOut(session);
    assertThatThrownBy(() -> client.account(session))
        .isInstanceOfSatisfying(
            RelyingPartyException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.problem().type()).isEqualTo("urn:keydesk:problem:unauthenticated");
              assertThat(e.getMessage()).isEqualTo("The session with the server has ended. Log in again.");
            });
  }

  @Test
  void wrongPasswordIsAClearError() {
    rp.signUp(EMAIL);
    assertThatThrownBy(() -> rp.client().logIn(EMAIL, "wrong password!".toCharArray()))
        .isInstanceOfSatisfying(
            RelyingPartyException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.problem().slug()).isEqualTo("bad-credentials");
              assertThat(e.getMessage())
                  .isEqualTo("The email address or the password is wrong. Check both and try again.");
            });
  }

  @Test
  void sudoFlowRequestsACodeAsksForItAndRetriesTheAction() {
    rp.signUp(EMAIL);
    RelyingPartyClient client = rp.client();
    RpSession session = ((LoginStep.Authenticated) client.logIn(EMAIL, PASSWORD)).session();
    assertThatThrownBy(() -> client.beginRegistration(session))
        .isInstanceOfSatisfying(
            RelyingPartyException.class,
            e -> {
              assertThat(e.isSudoRequired()).isTrue();
              assertThat(e.getMessage()).startsWith("This action needs a code sent to your email");
            });

    List<String> asked = new ArrayList<>();
    RegistrationStart start =
        new SudoFlow(client)
            .run(
                session,
                (request, problem) -> {
                  asked.add(request.sent() + " " + request.expiresAt() + " " + problem);
                  String code = rp.lastCode(EMAIL);
                  // the first answer is wrong on purpose: the flow asks again with the reason
                  return Optional.of(asked.size() == 1 ? wrong(code) : code);
                },
                () -> client.beginRegistration(session));
    assertThat(asked)
        .containsExactly(
            "true 2030-01-01T10:15:00Z Optional.empty",
            "true 2030-01-01T10:15:00Z Optional[That code is wrong, expired or already used."
                + " Check it, or request a new one.]");
    assertThat(start.publicKey().rp().id()).contains("localhost");
    assertThat(start.publicKey().user().name()).isEqualTo(EMAIL);
    assertThat(start.expiresAt()).isEqualTo(Instant.parse("2030-01-01T10:05:00Z"));
    assertThat(client.account(session).sudoUntil()).contains(Instant.parse("2030-01-01T10:30:00Z"));
  }

  @Test
  void cancellingTheCodePromptChangesNothing() {
    rp.signUp(EMAIL);
    RelyingPartyClient client = rp.client();
    RpSession session = ((LoginStep.Authenticated) client.logIn(EMAIL, PASSWORD)).session();
    assertThatThrownBy(
            () ->
                new SudoFlow(client)
                    .run(session, (r, p) -> Optional.empty(), () -> client.beginRegistration(session)))
        .isInstanceOf(SudoFlow.CancelledException.class)
        .hasMessage("Cancelled: no code was entered, so nothing was changed.");
  }

  @Test
  void rateLimitIsTurnedIntoWhenToTryAgain() {
    rp.signUp(EMAIL);
    RelyingPartyClient client = rp.client();
    RpSession session = ((LoginStep.Authenticated) client.logIn(EMAIL, PASSWORD)).session();
    client.requestSudoCode(session);
    String wrong = wrong(rp.lastCode(EMAIL));
    for (int i = 0; i < 6; i++) {
      assertThatThrownBy(() -> client.enterSudo(session, wrong))
          .isInstanceOfSatisfying(
              RelyingPartyException.class, e -> assertThat(e.problem().slug()).isEqualTo("invalid-code"));
    }
    assertThatThrownBy(() -> client.enterSudo(session, wrong))
        .isInstanceOfSatisfying(
            RelyingPartyException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.isRateLimited()).isTrue();
              assertThat(e.problem().retryAfterSeconds()).contains(10L);
              assertThat(e.getMessage()).isEqualTo("Too many attempts; try again in 10 seconds.");
            });
  }

  @Test
  void totpAndBackupCodeSecondSteps() {
    rp.signUp(EMAIL);
    RelyingPartyClient client = rp.client();
    RpSession first = ((LoginStep.Authenticated) client.logIn(EMAIL, PASSWORD)).session();
    byte[] secret = rp.enrolTotp(first, EMAIL);

    LoginStep step = client.logIn(EMAIL, PASSWORD);
    assertThat(step).isInstanceOf(LoginStep.SecondFactorRequired.class);
    LoginStep.SecondFactorRequired second = (LoginStep.SecondFactorRequired) step;
    assertThat(second.methods()).containsExactly(LoginStep.TOTP);
    assertThat(second.publicKey()).isEmpty();
    assertThat(second.expiresAt()).isEqualTo(Instant.parse("2030-01-01T10:05:00Z"));
    assertThatThrownBy(() -> client.finishWithTotp(second.loginId(), wrong(rp.totp(secret, 1))))
        .isInstanceOfSatisfying(
            RelyingPartyException.class, e -> assertThat(e.problem().slug()).isEqualTo("invalid-code"));
    RpSession session = client.finishWithTotp(second.loginId(), rp.totp(secret, 1));
    assertThat(client.account(session).twoFactor().totp()).isTrue();
  }

  private static String wrong(String code) {
    return code.equals("123456") ? "654321" : "123456";
  }
}
