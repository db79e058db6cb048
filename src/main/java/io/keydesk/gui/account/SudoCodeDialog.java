package io.keydesk.gui.account;

import io.keydesk.gui.prompt.SheetControls;
import io.keydesk.gui.prompt.SheetHost;
import io.keydesk.rp.SudoCodeRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * "We sent a 6-digit code to a•••@example.com": the code field, Resend, the time left, and what
 * went wrong with the previous code or the resend (the rate-limit message among them). In demo mode
 * it shows the code the demo server emailed.
 */
final class SudoCodeDialog {
  private SudoCodeDialog() {}

  static CompletableFuture<Optional<String>> ask(
      SheetHost sheets,
      String email,
      SudoCodeRequest request,
      Optional<String> problem,
      Supplier<CompletableFuture<String>> resend,
      Supplier<Optional<String>> demoCode,
      Clock clock) {
    CompletableFuture<Optional<String>> result = new CompletableFuture<>();
    Label title = new Label("Confirm it is you");
    title.getStyleClass().add("sheet-title");
    String masked = AccountViewModel.maskEmail(email);
    Label sent =
        new Label(
            request.sent()
                ? "We sent a 6-digit code to " + masked + "."
                : "We already sent a 6-digit code to " + masked + "; it is still valid.");
    sent.setId("sudo-sent");
    sent.setWrapText(true);
    TextField code = new TextField();
    code.setId("sudo-code");
    code.setPromptText("6-digit code");
    code.setAccessibleText("The 6-digit code from the email");
    code.setPrefColumnCount(8);
    Label codeLabel = new Label("_Code");
    codeLabel.setMnemonicParsing(true);
    codeLabel.setLabelFor(code);
    Label timeLeft = new Label();
    timeLeft.setId("sudo-time-left");
    timeLeft.getStyleClass().add("muted");
    Label status = new Label(problem.orElse(""));
    status.setId("sudo-problem");
    status.setWrapText(true);
    status.getStyleClass().add("error-text");
    status.managedProperty().bind(status.textProperty().isNotEmpty());
    VBox box = new VBox(10, title, sent, new VBox(4, codeLabel, code), timeLeft, status);
    demoCode
        .get()
        .ifPresent(
            c -> {
              Label demo = new Label("Demo: the code is " + c);
              demo.setId("sudo-demo-code");
              demo.getStyleClass().add("badge");
              box.getChildren().add(2, demo);
            });
    Button resendButton = new Button("_Resend");
    resendButton.setId("sudo-resend");
    resendButton.setAccessibleText("Send a new code by email");
    Button cancel = SheetControls.cancelButton("_Cancel", "sudo-cancel");
    Button ok = SheetControls.defaultButton("C_onfirm", "sudo-ok");
    HBox buttons = SheetControls.buttonRow(resendButton, cancel, ok);
    box.getChildren().add(buttons);
    box.setId("sudo-dialog");
    box.setPrefWidth(440);

    Runnable tick =
        () -> {
          Duration left = Duration.between(clock.instant(), request.expiresAt());
          timeLeft.setText(
              left.isNegative() || left.isZero()
                  ? "The code has expired; choose Resend for a new one."
                  : String.format(
                      "Valid for %d:%02d more.", left.toMinutes(), left.toSecondsPart()));
        };
    tick.run();
    Timeline timer = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> tick.run()));
    timer.setCycleCount(Animation.INDEFINITE);
    timer.play();
    Runnable close =
        () -> {
          timer.stop();
          sheets.close(box);
        };
    resendButton.setOnAction(
        e -> {
          resendButton.setDisable(true);
          resend
              .get()
              .thenAccept(
                  line ->
                      javafx.application.Platform.runLater(
                          () -> {
                            status.setText(line);
                            resendButton.setDisable(false);
                          }));
        });
    cancel.setOnAction(
        e -> {
          close.run();
          result.complete(Optional.empty());
        });
    ok.setOnAction(
        e -> {
          String entered = code.getText().trim();
          if (!entered.matches("\\d{6}")) {
            status.setText("The code has 6 digits; check the email and type it again.");
            return;
          }
          close.run();
          result.complete(Optional.of(entered));
        });
    sheets.show(
        box,
        () -> {
          close.run();
          result.complete(Optional.empty());
        });
    code.requestFocus();
    return result;
  }
}
