package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * What authenticatorGetNextAssertion continues (CTAP 2.1 section 6.3): the remaining credentials of
 * a getAssertion, in order, with the flags and extension inputs of that request. It expires 30
 * seconds after the last assertion; any other command discards it.
 */
final class AssertionSession {
  static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(30);

  final String rpId;
  final Bytes clientDataHash;
  final boolean userPresent;
  final boolean userVerified;
  final Optional<HmacSecret> hmacSecret;
  private final Deque<AssertionCandidate> remaining;
  private Instant deadline;

  AssertionSession(
      String rpId,
      Bytes clientDataHash,
      boolean userPresent,
      boolean userVerified,
      Optional<HmacSecret> hmacSecret,
      List<AssertionCandidate> remaining,
      Instant now) {
    this.rpId = rpId;
    this.clientDataHash = clientDataHash;
    this.userPresent = userPresent;
    this.userVerified = userVerified;
    this.hmacSecret = hmacSecret;
    this.remaining = new ArrayDeque<>(remaining);
    this.deadline = now.plus(TIMEOUT);
  }

  boolean isExpired(Instant now) {
    return now.isAfter(deadline);
  }

  boolean hasNext() {
    return !remaining.isEmpty();
  }

  AssertionCandidate next(Instant now) {
    deadline = now.plus(TIMEOUT);
    return remaining.removeFirst();
  }

  void close() {
    hmacSecret.ifPresent(HmacSecret::close);
  }
}
