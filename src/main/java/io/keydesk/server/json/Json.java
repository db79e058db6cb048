package io.keydesk.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import io.keydesk.server.problem.ApiException;
import io.keydesk.server.problem.ProblemType;

/** The API's JSON: ISO-8601 instants, an empty Optional written as null. */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(
              new SimpleModule("keydesk")
                  .addSerializer(Instant.class, ToStringSerializer.instance)
                  .addSerializer(new OptionalSerializer()))
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final class OptionalSerializer extends StdSerializer<Optional> {
    OptionalSerializer() {
      super(Optional.class);
    }

    @Override
    public void serialize(Optional value, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      if (value.isPresent()) {
        provider.defaultSerializeValue(value.get(), out);
      } else {
        out.writeNull();
      }
    }
  }

  private Json() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON: " + e.getMessage(), e);
    }
  }

  /** Parses a request body; @throws ApiException invalid-request naming what is wrong. */
  public static <T> T read(String body, Class<T> type) {
    try {
      T value = MAPPER.readValue(body == null || body.isBlank() ? "{}" : body, type);
      if (value == null) {
        throw new ApiException(ProblemType.INVALID_REQUEST, "The body must be a JSON object.");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new ApiException(
          ProblemType.INVALID_REQUEST,
          "The JSON body is not valid: " + e.getOriginalMessage() + ". See docs/rp-api.md.");
    }
  }

  /** Parses JSON produced by java-webauthn-server (e.g. toCredentialsCreateJson). */
  public static ObjectNode tree(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Library produced invalid JSON: " + e.getMessage(), e);
    }
  }

  /** Serialises a JSON tree back to text for the library's parsers. */
  public static String text(JsonNode node) {
    return write(node);
  }
}
