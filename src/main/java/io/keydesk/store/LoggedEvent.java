package io.keydesk.store;

import java.time.Instant;

/** An {@link Event} as stored: its row id and when it happened. */
public record LoggedEvent(long id, Instant at, Event event) {
  public LoggedEvent {
    at = SqlValues.millis(at);
  }
}
