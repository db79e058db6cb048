package io.keydesk.gui.account;

import io.keydesk.gui.prompt.SheetHost;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.geometry.Pos;
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
    Label hint = new Label("Plug in the key you want to add. After you choose Add, the server may"
        + " email you a code, then the key blinks: touch it.");
    hint.setWrapText(true);
    hint.getStyleClass().add("muted");
    Label label = new Label("_Name");
    label.setMnemonicParsing(true);
    label.setLabelFor(name);
    Label error = new Label();
    error.setId("add-key-error");
    error.getStyleClass().add("error-text");
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    Button cancel = new Button("_Cancel");
    cancel.setId("add-key-cancel");
    cancel.setCancelButton(true);
    Button ok = new Button("_Add");
    ok.setId("add-key-ok");
    ok.setDefaultButton(true);
    HBox buttons = new HBox(10, cancel, ok);
    buttons.setAlignment(Pos.CENTER_RIGHT);
    VBox box = new VBox(10, title, hint, new VBox(4, label, name), error, buttons);
    box.setId("add-key-dialog");
    box.setPrefWidth(420);
    ok.setOnAction(e -> {
      Optional<String> problem = AccountViewModel.nameProblem(name.getText());
      if (problem.isPresent()) {
        error.setText(problem.get());
        return;
      }
      sheets.close(box);
      result.complete(Optional.of(name.getText().trim()));
    });
    cancel.setOnAction(e -> {
      sheets.close(box);
      result.complete(Optional.empty());
    });
    sheets.show(box, () -> {
      sheets.close(box);
      result.complete(Optional.empty());
    });
    name.requestFocus();
    return result;
  }
}
