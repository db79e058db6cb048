package io.keydesk.gui.prompt;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/** The controls every sheet shares: its error line, Cancel (Esc), the default button (Enter). */
public final class SheetControls {
  private SheetControls() {}

  /** An error line that takes no space while it is empty. */
  public static Label errorLabel(String id) {
    Label error = new Label();
    error.setId(id);
    error.getStyleClass().add("error-text");
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    return error;
  }

  /** A button that Esc also presses. */
  public static Button cancelButton(String text, String id) {
    Button cancel = new Button(text);
    cancel.setId(id);
    cancel.setCancelButton(true);
    return cancel;
  }

  /** A button that Enter also presses. */
  public static Button defaultButton(String text, String id) {
    Button ok = new Button(text);
    ok.setId(id);
    ok.setDefaultButton(true);
    return ok;
  }

  /** Buttons aligned to the right, as at the bottom of every sheet. */
  public static HBox buttonRow(Button... buttons) {
    HBox row = new HBox(10, buttons);
    row.setAlignment(Pos.CENTER_RIGHT);
    return row;
  }
}
