package io.keydesk.rp;

import java.time.Instant;

/**
 * {@code POST /api/v1/sudo/code}: whether a new code was emailed ({@code false}: the previous one,
 * valid until {@code expiresAt}, still works).
 */
public record SudoCodeRequest(boolean sent, Instant expiresAt) {}
