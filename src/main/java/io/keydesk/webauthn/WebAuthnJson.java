package io.keydesk.webauthn;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.keydesk.cbor.Bytes;
import java.util.stream.Collectors;

/**
 * Reads and writes the WebAuthn L3 JSON types (§5.1.8, §5.1.9, §5.2.1.1, §5.2.2.1): binary members
 * base64url without padding, unknown members ignored on input, absent optionals omitted on output,
 * duplicate members refused.
 */
public final class WebAuthnJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addModule(BytesJson.module())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .serializationInclusion(JsonInclude.Include.NON_ABSENT)
          .build();

  private WebAuthnJson() {}

  /** The configured mapper, shared (it is thread-safe once configured). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Parses {@code json} as {@code type}. Bad base64url gives {@link
   * WebAuthnClientException.Code#ENCODING_ERROR}; anything else malformed (a missing required
   * member, a wrong type) gives {@link WebAuthnClientException.Code#TYPE_ERROR}, naming the member.
   */
  public static <T> T read(String json, Class<T> type) throws WebAuthnClientException {
    try {
      return MAPPER.readValue(json, type);
    } catch (InvalidFormatException e) {
      if (e.getTargetType() != Bytes.class) {
        throw new WebAuthnClientException(
            WebAuthnClientException.Code.TYPE_ERROR,
            type.getSimpleName()
                + ": member "
                + path(e)
                + " is malformed: "
                + e.getOriginalMessage(),
            e);
      }
      throw new WebAuthnClientException(
          WebAuthnClientException.Code.ENCODING_ERROR,
          type.getSimpleName()
              + ": member "
              + path(e)
              + " is not valid base64url ("
              + e.getOriginalMessage()
              + "). Ask the relying party to send base64url without padding.",
          e);
    } catch (ValueInstantiationException e) {
      String cause = e.getCause() == null ? e.getOriginalMessage() : e.getCause().getMessage();
      throw new WebAuthnClientException(
          WebAuthnClientException.Code.TYPE_ERROR,
          type.getSimpleName() + " is malformed: " + cause,
          e);
    } catch (JsonMappingException e) {
      throw new WebAuthnClientException(
          WebAuthnClientException.Code.TYPE_ERROR,
          type.getSimpleName() + ": member " + path(e) + " is malformed: " + e.getOriginalMessage(),
          e);
    } catch (JsonProcessingException e) {
      throw new WebAuthnClientException(
          WebAuthnClientException.Code.TYPE_ERROR,
          type.getSimpleName() + " is not valid JSON: " + e.getOriginalMessage(),
          e);
    }
  }

  /** Writes {@code value} as compact JSON. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  private static String path(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(
                reference ->
                    reference.getFieldName() != null
                        ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
            .collect(Collectors.joining("."));
    return path.isEmpty() ? "(top level)" : path.replace(".[", "[");
  }
}
