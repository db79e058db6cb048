package io.keydesk.gui.account;

import io.keydesk.gui.prompt.SheetControls;
import io.keydesk.gui.prompt.SheetHost;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** "Add a security key": its name; then the key asks for a touch (and the server maybe a code). */
final class AddKeyDialog {
  private AddKeyDialog() {}

  static CompletableFuture<Optional<String>> ask(SheetHost sheets, TextField name) {
    CompletableFuture<Optional<String>> result = new CompletableFuture<>();
    Label title = new Label("Add a security key");
    title.getStyleClass().add("sheet-title");
    Label hint =
        new Label(
            "Plug in the key you want to add. After you choose Add, the server may"
                + " email you a code, then the key blinks: touch it.");
    hint.setWrapText(true);
    hint.getStyleClass().add("muted");
    Label label = new Label("_Name");
    label.setMnemonicParsing(true);
    label.setLabelFor(name);
    Label error = SheetControls.errorLabel("add-key-error");
    Button cancel = SheetControls.cancelButton("_Cancel", "add-key-cancel");
    Button ok = SheetControls.defaultButton("_Add", "add-key-ok");
    HBox buttons = SheetControls.buttonRow(cancel, ok);
    VBox box = new VBox(10, title, hint, new VBox(4, label, name), error, buttons);
    box.setId("add-key-dialog");
    box.setPrefWidth(420);
    ok.setOnAction(
        e -> {
          Optional<String> problem = AccountViewModel.nameProblem(name.getText());
          if (problem.isPresent()) {
            error.setText(problem.get());
            return;
          }
          sheets.close(box);
          result.complete(Optional.of(name.getText().trim()));
        });
    cancel.setOnAction(
        e -> {
          sheets.close(box);
          result.complete(Optional.empty());
        });
    sheets.show(
        box,
        () -> {
          sheets.close(box);
          result.complete(Optional.empty());
        });
    name.requestFocus();
    return result;
  }
}
