package io.keydesk.store;

/** How a change made through KeyDesk ended. */
public enum EventResult {
  OK,
  FAILED
}
