package io.keydesk.app.desktop;

import io.keydesk.mds.AuthenticatorModel;
import java.util.Objects;
import java.util.Optional;

/**
 * A key's model as the desktop app names it: from the AAGUID through {@link
 * io.keydesk.mds.AuthenticatorModels} (imported FIDO MDS3, then the bundled table), else the
 * product string the device reports.
 *
 * @param name "YubiKey 5 Series with NFC", or the product string when the AAGUID is unknown
 * @param fromAaguid whether the name came from the AAGUID (false: product string)
 * @param warning when the FIDO Alliance reports the model compromised or revoked (FIDO MDS 3.0
 *     section 3.1.4), what the user should know
 */
public record KeyModel(String name, boolean fromAaguid, Optional<String> warning) {
  public KeyModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(warning, "warning");
  }

  /** The model {@code found} for an AAGUID, else {@code fallback} (a product string). */
  public static KeyModel of(Optional<AuthenticatorModel> found, String fallback) {
    return found.map(KeyModel::of).orElseGet(() -> new KeyModel(fallback, false, Optional.empty()));
  }

  /** The name and, for a compromised model, the warning. */
  public static KeyModel of(AuthenticatorModel model) {
    return new KeyModel(model.name(), true, warning(model));
  }

  /** The warning for a model the FIDO Alliance reports compromised or revoked. */
  public static Optional<String> warning(AuthenticatorModel model) {
    if (!model.isCompromised()) {
      return Optional.empty();
    }
    return Optional.of("The FIDO Alliance reports " + model.status().orElse("a problem")
        + " for this model: don't rely on it alone; add another key and remove this one.");
  }
}
