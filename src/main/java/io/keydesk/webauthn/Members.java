package io.keydesk.webauthn;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** Compact-constructor helpers for the JSON records: required members and defaulted members. */
final class Members {
  private Members() {}

  /** A required member; the message names it so a bad RP payload is easy to fix. */
  static <T> T required(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException("required member \"" + name + "\" is missing");
    }
    return value;
  }

  /** A sequence member that defaults to empty (WebAuthn IDL "= []"); copied and made immutable. */
  static <T> List<T> list(List<T> value, String name) {
    if (value == null) {
      return List.of();
    }
    for (T item : value) {
      if (item == null) {
        throw new IllegalArgumentException("member \"" + name + "\" contains null");
      }
    }
    return List.copyOf(value);
  }

  /** An Optional member that Jackson may hand over as null when the member is JSON null. */
  static <T> Optional<T> optional(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }

  /** A record/dictionary member that defaults to {@code {}}; defensively copied. */
  static ObjectNode object(ObjectNode value) {
    return value == null ? JsonNodeFactory.instance.objectNode() : value.deepCopy();
  }
}
