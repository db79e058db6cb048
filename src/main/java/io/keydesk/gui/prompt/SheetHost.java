package io.keydesk.gui.prompt;

import java.util.ArrayDeque;
import java.util.Deque;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * Sheets over the window (touch prompt, PIN, sudo code, confirmations): a dimmed backdrop that
 * blocks the window below, the sheet centred on it. Esc closes the top sheet through its own
 * escape action (which cancels what it was asking for).
 */
public final class SheetHost {
  private final StackPane layer;
  private final Deque<Entry> open = new ArrayDeque<>();

  private record Entry(StackPane backdrop, Runnable onEscape) {}

  public SheetHost(StackPane root) {
    this.layer = root;
    root.addEventFilter(
        KeyEvent.KEY_PRESSED,
        event -> {
          if (event.getCode() == KeyCode.ESCAPE && !open.isEmpty()) {
            event.consume();
            open.peek().onEscape().run();
          }
        });
  }

  /** Shows {@code sheet} on top; {@code onEscape} runs on Esc (it should close the sheet). */
  public void show(Region sheet, Runnable onEscape) {
    sheet.getStyleClass().add("sheet");
    sheet.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    StackPane backdrop = new StackPane(sheet);
    backdrop.getStyleClass().add("sheet-backdrop");
    StackPane.setAlignment(sheet, Pos.CENTER);
    open.push(new Entry(backdrop, onEscape));
    layer.getChildren().add(backdrop);
    sheet.requestFocus();
  }

  /** Closes the sheet holding {@code sheet}, wherever it is in the stack. */
  public void close(Node sheet) {
    open.removeIf(
        entry -> {
          if (entry.backdrop().getChildren().contains(sheet)) {
            layer.getChildren().remove(entry.backdrop());
            return true;
          }
          return false;
        });
  }

  public boolean isShowing() {
    return !open.isEmpty();
  }
}
