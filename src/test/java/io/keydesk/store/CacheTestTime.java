package io.keydesk.store;

import java.time.Instant;

/** The instant the cache tests start at. */
final class CacheTestTime {
  static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");

  private CacheTestTime() {}
}
