package io.keydesk.gui.prompt;

import java.util.concurrent.CompletableFuture;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** A yes/no sheet for actions that erase or remove something. */
public final class Confirmation {
  private Confirmation() {}

  /** Completes true when the user confirms, false on Cancel or Esc. */
  public static CompletableFuture<Boolean> ask(
      SheetHost sheets, String title, String message, String confirmLabel) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    Label heading = new Label(title);
    heading.getStyleClass().add("sheet-title");
    Label text = new Label(message);
    text.setId("confirm-message");
    text.setWrapText(true);
    Button yes = new Button(confirmLabel);
    yes.setId("confirm-yes");
    yes.getStyleClass().add("danger");
    Button no = SheetControls.cancelButton("_Cancel", "confirm-no");
    HBox buttons = SheetControls.buttonRow(no, yes);
    VBox box = new VBox(14, heading, text, buttons);
    box.setId("confirm-dialog");
    box.setPrefWidth(440);
    yes.setOnAction(
        e -> {
          sheets.close(box);
          result.complete(true);
        });
    no.setOnAction(
        e -> {
          sheets.close(box);
          result.complete(false);
        });
    sheets.show(
        box,
        () -> {
          sheets.close(box);
          result.complete(false);
        });
    no.requestFocus();
    return result;
  }
}
