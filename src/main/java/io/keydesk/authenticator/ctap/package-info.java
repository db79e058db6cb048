/**
 * The software authenticator's CTAP 2.1 logic (CTAP 2.1 section 6), behind the CTAPHID responder of
 * {@link io.keydesk.authenticator}.
 *
 * <pre>
 *  Ctap2CommandHandler  -- CommandHandler seam: presence via RequestContext, state to StateFile
 *        v
 *  Ctap2Processor       -- parses with the io.keydesk.ctap2 records, dispatches, maps errors
 *        v
 *  MakeCredentialOperation  GetAssertionOperation (+ AssertionSession)  ClientPinOperation
 *  ResetOperation  InfoFactory
 *        v
 *  CredentialIdWrapper (AES-256-GCM, rpIdHash as AAD)  CredentialStore  AuthenticatorDataBuilder
 *  AttestationSigner + BatchAttestation  PinState  PinUvAuthState  CredProtect  HmacSecret
 *  Ctap2State (persistent, CBOR)
 * </pre>
 *
 * <p>Design choices worth knowing: every credential ID (discoverable or not) is a 64-byte wrapped
 * ID carrying the private key, so lookups are uniform and a reset (new device secret) revokes them
 * all; one global signature counter, incremented per assertion; no built-in user verification (a
 * PIN is the only UV, makeCredUvNotRqd is true); the root CA's private key is discarded once it has
 * issued the batch certificate.
 */
package io.keydesk.authenticator.ctap;
