package io.keydesk.gui.prompt;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The PIN sheet: masked fields, the key's minimum length, retries when 3 or fewer, and the
 * explanations of PIN_AUTH_BLOCKED and PIN_BLOCKED. The fields are cleared as soon as their content
 * is taken (a PasswordField holds a String, so this is the best JavaFX allows).
 */
public final class PinDialog {
  private final SheetHost sheets;

  public PinDialog(SheetHost sheets) {
    this.sheets = sheets;
  }

  /** Completes with the PINs, or empty when the user cancels. */
  public CompletableFuture<Optional<PinEntry>> ask(PinRequest request) {
    CompletableFuture<Optional<PinEntry>> result = new CompletableFuture<>();
    String titleText =
        switch (request.mode()) {
          case SET -> "Set a PIN for " + request.keyName();
          case CHANGE -> "Change the PIN of " + request.keyName();
          case ENTER -> "Enter the PIN of " + request.keyName();
        };
    Label title = new Label(titleText);
    title.getStyleClass().add("sheet-title");
    title.setWrapText(true); // long model names ("KeyDesk Software Authenticator") stay whole
    VBox box = new VBox(10, title);
    box.setId("pin-dialog");
    box.setPrefWidth(420);
    request
        .explanation()
        .ifPresent(
            text -> {
              Label problem = new Label(text);
              problem.setId("pin-problem");
              problem.setWrapText(true);
              problem.getStyleClass().add("error-text");
              box.getChildren().add(problem);
            });
    request
        .retriesLine()
        .ifPresent(
            text -> {
              Label retries = new Label(text);
              retries.setId("pin-retries");
              retries.setWrapText(true);
              retries.getStyleClass().add("badge-warning");
              box.getChildren().add(retries);
            });
    PasswordField current = field("pin-current", "Current PIN");
    PasswordField newPin = field("pin-new", "New PIN");
    PasswordField confirm = field("pin-confirm", "New PIN again");
    if (request.canEnter()) {
      if (request.mode() != PinRequest.Mode.SET) {
        box.getChildren().add(labelled("C_urrent PIN", current));
      }
      if (request.mode() != PinRequest.Mode.ENTER) {
        Label rule = new Label("At least " + request.minLength() + " characters (the key's rule).");
        rule.getStyleClass().add("muted");
        box.getChildren()
            .addAll(labelled("_New PIN", newPin), labelled("Con_firm new PIN", confirm), rule);
      }
    }
    Label error = new Label();
    error.setId("pin-error");
    error.getStyleClass().add("error-text");
    error.setWrapText(true);
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    Button ok = new Button(request.mode() == PinRequest.Mode.ENTER ? "_Continue" : "_Save PIN");
    ok.setId("pin-ok");
    ok.setDefaultButton(true);
    ok.setDisable(!request.canEnter());
    Button cancel = SheetControls.cancelButton("_Cancel", "pin-cancel");
    HBox buttons = SheetControls.buttonRow(cancel, ok);
    box.getChildren().addAll(error, buttons);

    Runnable close =
        () -> {
          current.clear();
          newPin.clear();
          confirm.clear();
          sheets.close(box);
        };
    cancel.setOnAction(
        e -> {
          close.run();
          result.complete(Optional.empty());
        });
    ok.setOnAction(
        e -> {
          Optional<String> problem =
              request.validate(current.getText(), newPin.getText(), confirm.getText());
          if (problem.isPresent()) {
            error.setText(problem.get());
            return;
          }
          PinEntry entry =
              new PinEntry(
                  request.mode() == PinRequest.Mode.SET
                      ? Optional.empty()
                      : Optional.of(current.getText().toCharArray()),
                  request.mode() == PinRequest.Mode.ENTER
                      ? Optional.empty()
                      : Optional.of(newPin.getText().toCharArray()));
          close.run();
          result.complete(Optional.of(entry));
        });
    sheets.show(
        box,
        () -> {
          close.run();
          result.complete(Optional.empty());
        });
    (request.mode() == PinRequest.Mode.SET ? newPin : current).requestFocus();
    return result;
  }

  private static PasswordField field(String id, String accessible) {
    PasswordField field = new PasswordField();
    field.setId(id);
    field.setAccessibleText(accessible);
    field.setPromptText(accessible);
    return field;
  }

  private static VBox labelled(String text, PasswordField field) {
    Label label = new Label(text);
    label.setMnemonicParsing(true);
    label.setLabelFor(field);
    return new VBox(4, label, field);
  }
}
