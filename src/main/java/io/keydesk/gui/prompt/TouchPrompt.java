package io.keydesk.gui.prompt;

import io.keydesk.app.desktop.Cancellation;
import java.util.Optional;
import javafx.animation.Animation;
import javafx.animation.Interpolator;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.util.Duration;

/**
 * "Touch your security key": shown only while the key asks for presence (KEEPALIVE UP_NEEDED), with
 * a gentle pulse, the key's name and a Cancel that fires the operation's {@link Cancellation} (so
 * the device gets CTAPHID_CANCEL). In demo mode it also offers "Touch the virtual key".
 */
public final class TouchPrompt {
  private final SheetHost sheets;
  private VBox sheet;
  private Timeline pulse;

  public TouchPrompt(SheetHost sheets) {
    this.sheets = sheets;
  }

  /**
   * @param virtualTouch the demo's touch of the virtual key, when the key is the virtual one
   */
  public void show(String keyName, Cancellation cancellation, Optional<Runnable> virtualTouch) {
    if (sheet != null) {
      return;
    }
    Circle ring = new Circle(28);
    ring.getStyleClass().add("touch-ring");
    Circle dot = new Circle(12);
    dot.getStyleClass().add("touch-dot");
    StackPane picture = new StackPane(ring, dot);
    picture.setMinSize(72, 72);
    pulse =
        new Timeline(
            new KeyFrame(
                Duration.ZERO,
                new KeyValue(ring.scaleXProperty(), 0.8),
                new KeyValue(ring.scaleYProperty(), 0.8),
                new KeyValue(ring.opacityProperty(), 1.0)),
            new KeyFrame(
                Duration.millis(1200),
                new KeyValue(ring.scaleXProperty(), 1.25, Interpolator.EASE_OUT),
                new KeyValue(ring.scaleYProperty(), 1.25, Interpolator.EASE_OUT),
                new KeyValue(ring.opacityProperty(), 0.2, Interpolator.EASE_OUT)));
    pulse.setCycleCount(Animation.INDEFINITE);
    pulse.play();

    Label title = new Label("Touch your security key");
    title.getStyleClass().add("sheet-title");
    Label name = new Label(keyName);
    name.getStyleClass().add("muted");
    Button cancel = SheetControls.cancelButton("_Cancel", "touch-cancel");
    cancel.setAccessibleText("Cancel: stop waiting for the touch");
    cancel.setOnAction(
        e -> {
          cancellation.cancel();
          hide();
        });
    HBox buttons = new HBox(10);
    buttons.setAlignment(Pos.CENTER);
    virtualTouch.ifPresent(
        touch -> {
          Button touchButton =
              SheetControls.defaultButton("_Touch the virtual key", "touch-virtual");
          touchButton.setAccessibleText("Touch the virtual key (demo)");
          touchButton.setOnAction(e -> touch.run());
          buttons.getChildren().add(touchButton);
        });
    buttons.getChildren().add(cancel);
    sheet = new VBox(14, picture, title, name, buttons);
    sheet.setId("touch-prompt");
    sheet.setAlignment(Pos.CENTER);
    sheet.setPrefWidth(360);
    sheet.setAccessibleText("Touch your security key " + keyName);
    sheets.show(
        sheet,
        () -> {
          cancellation.cancel();
          hide();
        });
    cancel.requestFocus();
  }

  public boolean isShowing() {
    return sheet != null;
  }

  public void hide() {
    if (sheet != null) {
      pulse.stop();
      sheets.close(sheet);
      sheet = null;
    }
  }
}
