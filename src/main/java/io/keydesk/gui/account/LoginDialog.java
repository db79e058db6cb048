package io.keydesk.gui.account;

import io.keydesk.app.SecondFactor;
import io.keydesk.gui.prompt.SheetControls;
import io.keydesk.gui.prompt.SheetHost;
import io.keydesk.rp.LoginStep;
import io.keydesk.store.Account;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Logging in: the password, then the second step: the security key (the touch prompt and the PIN
 * dialog follow when the key asks), or the fallbacks "Use an authenticator app code" and "Use a
 * backup code".
 */
final class LoginDialog {
  private LoginDialog() {}

  /** The password; in demo mode it is filled in. */
  static CompletableFuture<Optional<char[]>> password(
      SheetHost sheets, Account account, Optional<String> demoPassword) {
    CompletableFuture<Optional<char[]>> result = new CompletableFuture<>();
    Label title = new Label("Log in to " + account.rpUrl());
    title.getStyleClass().add("sheet-title");
    title.setWrapText(true);
    Label user = new Label(account.username());
    user.getStyleClass().add("muted");
    PasswordField password = new PasswordField();
    password.setId("login-password");
    password.setAccessibleText("Password for " + account.username());
    Label label = new Label("_Password");
    label.setMnemonicParsing(true);
    label.setLabelFor(password);
    VBox box = new VBox(10, title, user, new VBox(4, label, password));
    demoPassword.ifPresent(
        p -> {
          password.setText(p);
          Label hint = new Label("Demo: the password is filled in.");
          hint.getStyleClass().add("badge");
          box.getChildren().add(hint);
        });
    Label error = SheetControls.errorLabel("login-error");
    Button cancel = SheetControls.cancelButton("_Cancel", "login-cancel");
    Button ok = SheetControls.defaultButton("_Log in", "login-ok");
    HBox buttons = SheetControls.buttonRow(cancel, ok);
    box.getChildren().addAll(error, buttons);
    box.setId("login-dialog");
    box.setPrefWidth(420);
    Runnable close =
        () -> {
          password.clear();
          sheets.close(box);
        };
    cancel.setOnAction(
        e -> {
          close.run();
          result.complete(Optional.empty());
        });
    ok.setOnAction(
        e -> {
          if (password.getText().isEmpty()) {
            error.setText("Enter your password.");
            return;
          }
          char[] chars = password.getText().toCharArray();
          close.run();
          result.complete(Optional.of(chars));
        });
    sheets.show(
        box,
        () -> {
          close.run();
          result.complete(Optional.empty());
        });
    password.requestFocus();
    return result;
  }

  /** The second step: the key (default), or a TOTP or backup code when the account offers them. */
  static CompletableFuture<Optional<SecondFactor>> secondFactor(
      SheetHost sheets, LoginStep.SecondFactorRequired step, boolean keyAvailable) {
    CompletableFuture<Optional<SecondFactor>> result = new CompletableFuture<>();
    Label title = new Label("Second step");
    title.getStyleClass().add("sheet-title");
    boolean keyOffered = step.offers(LoginStep.SECURITY_KEY) && step.publicKey().isPresent();
    Label text =
        new Label(
            keyOffered
                ? keyAvailable
                    ? "Use your security key: touch it when it blinks."
                    : "Plug in your security key, or use another method."
                : "Enter a code to finish logging in.");
    text.setWrapText(true);
    TextField code = new TextField();
    code.setId("login-code");
    code.setAccessibleText("Code");
    Label codeLabel = new Label();
    codeLabel.setLabelFor(code);
    VBox codeBox = new VBox(4, codeLabel, code);
    codeBox.setVisible(false);
    codeBox.managedProperty().bind(codeBox.visibleProperty());
    String[] method = {keyOffered ? LoginStep.SECURITY_KEY : ""};
    Button useKey = new Button("Use _security key");
    useKey.setId("login-use-key");
    useKey.setVisible(keyOffered);
    useKey.managedProperty().bind(useKey.visibleProperty());
    Button ok = new Button("_Continue");
    ok.setId("login-code-ok");
    ok.setVisible(false);
    ok.managedProperty().bind(ok.visibleProperty());
    Button cancel = SheetControls.cancelButton("_Cancel", "login-second-cancel");
    VBox links = new VBox(2);
    Runnable showCode =
        () -> {
          codeBox.setVisible(true);
          ok.setVisible(true);
          ok.setDefaultButton(true);
          useKey.setDefaultButton(false);
          codeLabel.setText(
              method[0].equals(LoginStep.TOTP)
                  ? "Code from your authenticator app"
                  : "One of your backup codes");
          code.clear();
          code.requestFocus();
        };
    if (step.offers(LoginStep.TOTP)) {
      Hyperlink totp = new Hyperlink("Use an authenticator app code");
      totp.setId("login-use-totp");
      totp.setOnAction(
          e -> {
            method[0] = LoginStep.TOTP;
            showCode.run();
          });
      links.getChildren().add(totp);
    }
    if (step.offers(LoginStep.BACKUP_CODE)) {
      Hyperlink backup = new Hyperlink("Use a backup code");
      backup.setId("login-use-backup");
      backup.setOnAction(
          e -> {
            method[0] = LoginStep.BACKUP_CODE;
            showCode.run();
          });
      links.getChildren().add(backup);
    }
    HBox buttons = SheetControls.buttonRow(cancel, ok, useKey);
    VBox box = new VBox(10, title, text, codeBox, links, buttons);
    box.setId("login-second-dialog");
    box.setPrefWidth(420);
    useKey.setDefaultButton(keyOffered);
    useKey.setOnAction(
        e -> {
          sheets.close(box);
          result.complete(Optional.of(new SecondFactor.UseSecurityKey()));
        });
    ok.setOnAction(
        e -> {
          String entered = code.getText().trim();
          if (entered.isEmpty()) {
            return;
          }
          sheets.close(box);
          result.complete(
              Optional.of(
                  method[0].equals(LoginStep.TOTP)
                      ? new SecondFactor.Totp(entered)
                      : new SecondFactor.BackupCode(entered)));
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
    if (keyOffered) {
      useKey.requestFocus();
    } else if (!links.getChildren().isEmpty()) {
      ((Hyperlink) links.getChildren().get(0)).fire();
    }
    return result;
  }
}
