package io.keydesk.webauthn;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.keydesk.cbor.Bytes;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Jackson mapping of {@link Bytes} as base64url without padding, the encoding of every binary
 * member of the WebAuthn L3 JSON types (§5.1.8 "Deserialize Registration ceremony options",
 * Base64URLString). Input with '=' padding is tolerated; '+', '/' and whitespace are not.
 */
public final class BytesJson {
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*={0,2}");

  private BytesJson() {}

  /** A module that registers the serializer and deserializer. */
  public static SimpleModule module() {
    SimpleModule module = new SimpleModule("keydesk-bytes");
    module.addSerializer(Bytes.class, new Serializer());
    module.addDeserializer(Bytes.class, new Deserializer());
    return module;
  }

  /** Writes base64url without padding. */
  public static final class Serializer extends StdSerializer<Bytes> {
    public Serializer() {
      super(Bytes.class);
    }

    @Override
    public void serialize(Bytes value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeString(value.base64Url());
    }
  }

  /** Reads base64url (padding optional); anything else is an input error naming the member. */
  public static final class Deserializer extends StdDeserializer<Bytes> {
    public Deserializer() {
      super(Bytes.class);
    }

    @Override
    public Bytes deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.currentToken() != JsonToken.VALUE_STRING) {
        return (Bytes) context.handleUnexpectedToken(Bytes.class, parser);
      }
      String text = parser.getText();
      if (!BASE64URL.matcher(text).matches()) {
        throw context.weirdStringException(text, Bytes.class, "not base64url");
      }
      try {
        return Bytes.fromBase64Url(text);
      } catch (IllegalArgumentException e) {
        throw context.weirdStringException(text, Bytes.class, "not base64url");
      }
    }
  }
}
