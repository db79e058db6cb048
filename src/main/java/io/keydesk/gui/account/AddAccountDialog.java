package io.keydesk.gui.account;

import io.keydesk.gui.prompt.SheetControls;
import io.keydesk.gui.prompt.SheetHost;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * "Add an account": the server's URL, the user name, the password (used for the first login, kept
 * in memory only); the certificate fingerprint to confirm when the server's certificate is not
 * trusted by this computer.
 */
public final class AddAccountDialog {
  private final SheetHost sheets;
  private VBox box;
  private PasswordField password;

  public AddAccountDialog(SheetHost sheets) {
    this.sheets = sheets;
  }

  /** The password typed for the first login (the caller zeroes it), taken once. */
  public Optional<char[]> takePassword() {
    if (password == null || password.getText().isEmpty()) {
      return Optional.empty();
    }
    char[] chars = password.getText().toCharArray();
    password.clear();
    return Optional.of(chars);
  }

  public void show(AddAccountViewModel model) {
    Label title = new Label("Add an account");
    title.getStyleClass().add("sheet-title");
    TextField url = new TextField();
    url.setId("add-account-url");
    url.setPromptText("https://rp.example.com");
    url.setAccessibleText("The server's address");
    TextField user = new TextField();
    user.setId("add-account-user");
    user.setPromptText("alice@example.com");
    user.setAccessibleText("Your user name at the server");
    password = new PasswordField();
    password.setId("add-account-password");
    password.setAccessibleText("Your password at the server (for the first login; not stored)");
    Label fingerprintText = new Label();
    fingerprintText.setId("add-account-fingerprint");
    fingerprintText.setWrapText(true);
    fingerprintText
        .textProperty()
        .bind(
            model
                .fingerprintProperty()
                .map(
                    f ->
                        f.isEmpty()
                            ? ""
                            : "This computer does not trust the server's certificate (it may be self-signed)."
                                + " Its SHA-256 fingerprint is:\n"
                                + f
                                + "\nCompare it with the one the server's"
                                + " operator gave you, and trust it only if they are the same."));
    Button pin = new Button("_Trust this certificate and add");
    pin.setId("add-account-pin");
    pin.getStyleClass().add("danger");
    pin.setOnAction(e -> model.confirmFingerprint());
    VBox trust = new VBox(8, fingerprintText, pin);
    trust.getStyleClass().add("banner");
    trust.visibleProperty().bind(model.fingerprintProperty().isNotEmpty());
    trust.managedProperty().bind(trust.visibleProperty());
    Label error = new Label();
    error.setId("add-account-error");
    error.setWrapText(true);
    error.getStyleClass().add("error-text");
    error.textProperty().bind(model.errorProperty());
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    Label progress = new Label();
    progress.getStyleClass().add("muted");
    progress.textProperty().bind(model.progressProperty());
    progress.managedProperty().bind(progress.textProperty().isNotEmpty());
    Button cancel = SheetControls.cancelButton("_Cancel", "add-account-cancel");
    Button ok = new Button("_Add account");
    ok.setId("add-account-ok");
    ok.defaultButtonProperty().bind(model.fingerprintProperty().isEmpty());
    ok.disableProperty().bind(model.busyProperty());
    pin.disableProperty().bind(model.busyProperty());
    ok.setOnAction(e -> model.submit(url.getText(), user.getText()));
    cancel.setOnAction(e -> close());
    HBox buttons = SheetControls.buttonRow(cancel, ok);
    box =
        new VBox(
            10,
            title,
            labelled("Server _URL", url),
            labelled("_User name", user),
            labelled("_Password (optional)", password),
            trust,
            progress,
            error,
            buttons);
    box.setId("add-account-dialog");
    box.setPrefWidth(480);
    sheets.show(box, this::close);
    url.requestFocus();
  }

  public void close() {
    if (box != null) {
      password.clear();
      sheets.close(box);
      box = null;
    }
  }

  private static VBox labelled(String text, javafx.scene.control.Control field) {
    Label label = new Label(text);
    label.setMnemonicParsing(true);
    label.setLabelFor(field);
    return new VBox(4, label, field);
  }
}
