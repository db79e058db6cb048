package io.keydesk.rp;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads members of an RP answer, failing with a clear error when one is missing or malformed. */
final class JsonFields {
  private JsonFields() {}

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw malformed(field, "a string");
    }
    return value.asText();
  }

  static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(text(node, field));
  }

  static boolean bool(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isBoolean()) {
      throw malformed(field, "true or false");
    }
    return value.asBoolean();
  }

  static long number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
      throw malformed(field, "a whole number");
    }
    return value.asLong();
  }

  static Optional<Long> optionalNumber(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(number(node, field));
  }

  static Instant instant(JsonNode node, String field) {
    try {
      return Instant.parse(text(node, field));
    } catch (DateTimeParseException e) {
      throw malformed(field, "an ISO-8601 time");
    }
  }

  static Optional<Instant> optionalInstant(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(instant(node, field));
  }

  static List<String> texts(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw malformed(field, "a list");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw malformed(field, "a list of strings");
      }
      out.add(item.asText());
    }
    return List.copyOf(out);
  }

  static JsonNode object(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw malformed(field, "an object");
    }
    return value;
  }

  static RelyingPartyException malformed(String field, String expected) {
    return new RelyingPartyException(
        502,
        new Problem(
            "about:blank",
            "Unexpected answer",
            502,
            Optional.of("member '" + field + "' should be " + expected),
            Optional.empty()));
  }
}
