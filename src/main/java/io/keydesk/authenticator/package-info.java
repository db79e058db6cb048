/**
 * KeyDesk's software FIDO2 authenticator, served in-process ({@link
 * io.keydesk.authenticator.SoftwareAuthenticator#connect()}) and over UDP ({@link
 * io.keydesk.authenticator.UdpSimulatorServer}, the firmware-simulator convention).
 *
 * <h2>Layers</h2>
 *
 * <pre>
 *  HidConnection (InMemoryConnection)  /  UDP datagrams (UdpSimulatorServer)
 *        |  64-byte reports                       ^ ReportSink
 *        v                                        |
 *  CtapHidResponder  -- CTAPHID (CTAP 2.1 section 11.2): channels, framing via
 *        |              io.keydesk.hid.CtapHidFrames, LOCK, CANCEL, KEEPALIVE, timeouts
 *        |  whole messages, one at a time, on a worker thread
 *        v
 *  CommandHandler    -- CTAP2 (and optionally U2F) logic; BasicCtap2Handler today
 *        |  RequestContext: requestUserPresence(), isCancelled()
 *        v
 *  UserPresence policy, AuthenticatorState (persisted by StateFile)
 * </pre>
 *
 * <h2>Extending the CTAP2 logic</h2>
 *
 * <ul>
 *   <li>Implement {@link io.keydesk.authenticator.CommandHandler} (or extend {@link
 *       io.keydesk.authenticator.BasicCtap2Handler}) and install it with {@code
 *       SoftwareAuthenticator.builder().handler(setup -> new MyHandler(setup))}; {@link
 *       io.keydesk.authenticator.SoftwareAuthenticator.Setup} carries the loaded state, the state
 *       file (if any) and the scheduler for the handler's own timers.
 *   <li>The handler never sees packets, channels or keepalives. It throws {@code
 *       CtapException(status)} for errors and calls {@code context.requireUserPresence()} for a
 *       touch; CANCEL and timeouts surface there as CTAP2_ERR_KEEPALIVE_CANCEL and
 *       CTAP2_ERR_USER_ACTION_TIMEOUT.
 *   <li>Persisted state grows in {@link io.keydesk.authenticator.AuthenticatorState} and {@link
 *       io.keydesk.authenticator.StateFile} (bump {@code FORMAT_VERSION} and keep reading version
 *       1); getInfo grows in {@link io.keydesk.authenticator.AuthenticatorInfo}.
 *   <li>Time comes only from {@link io.keydesk.authenticator.Scheduler}, so tests can drive it with
 *       a manual clock.
 * </ul>
 */
package io.keydesk.authenticator;
