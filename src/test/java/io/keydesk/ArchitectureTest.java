package io.keydesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layer table of DESIGN.md: arrows point down only. Keep it green rather than loosening it. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.keydesk");
  }

  private static void mustNotImport(String layer, String... forbidden) {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("io.keydesk." + layer + "..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(forbidden)
            .because("DESIGN.md: io.keydesk." + layer + " must not import those packages");
    rule.check(classes);
  }

  private static final String JAVAFX = "javafx..";
  private static final String OKHTTP = "okhttp3..";
  private static final String SQL = "java.sql..";

  @Test
  void cborImportsNothingOfOurs() {
    mustNotImport(
        "cbor", "io.keydesk.hid..", "io.keydesk.ctap2..", "io.keydesk.ctap1..",
        "io.keydesk.webauthn..", "io.keydesk.rp..", "io.keydesk.store..", "io.keydesk.mds..",
        "io.keydesk.authenticator..", "io.keydesk.server..", "io.keydesk.app..",
        "io.keydesk.gui..", "io.keydesk.cli..");
  }

  @Test
  void hidStaysBelowCtap() {
    mustNotImport(
        "hid", "io.keydesk.ctap2..", "io.keydesk.ctap1..", "io.keydesk.webauthn..",
        "io.keydesk.rp..", "io.keydesk.store..", "io.keydesk.mds..", "io.keydesk.authenticator..",
        "io.keydesk.server..", "io.keydesk.app..", "io.keydesk.gui..", "io.keydesk.cli..",
        JAVAFX, OKHTTP, SQL);
  }

  @Test
  void ctapStaysBelowWebAuthn() {
    for (String layer : new String[] {"ctap2", "ctap1"}) {
      mustNotImport(
          layer, "io.keydesk.webauthn..", "io.keydesk.rp..", "io.keydesk.store..",
          "io.keydesk.mds..", "io.keydesk.authenticator..", "io.keydesk.server..",
          "io.keydesk.app..", "io.keydesk.gui..", "io.keydesk.cli..", JAVAFX, OKHTTP, SQL);
    }
  }

  @Test
  void webauthnHasNoUiNetworkOrDatabase() {
    mustNotImport(
        "webauthn", "io.keydesk.rp..", "io.keydesk.store..", "io.keydesk.authenticator..",
        "io.keydesk.server..", "io.keydesk.app..", "io.keydesk.gui..", "io.keydesk.cli..",
        JAVAFX, OKHTTP, SQL);
  }

  @Test
  void rpClientDoesNotTouchDevices() {
    mustNotImport(
        "rp", "io.keydesk.hid..", "io.keydesk.ctap2..", "io.keydesk.ctap1..",
        "io.keydesk.authenticator..", "io.keydesk.server..", "io.keydesk.app..",
        "io.keydesk.gui..", "io.keydesk.cli..", JAVAFX);
  }

  @Test
  void storeHasNoUiOrNetwork() {
    mustNotImport(
        "store", "io.keydesk.server..", "io.keydesk.app..", "io.keydesk.gui..",
        "io.keydesk.cli..", JAVAFX, OKHTTP);
  }

  @Test
  void mdsHasNoUi() {
    mustNotImport("mds", "io.keydesk.app..", "io.keydesk.gui..", "io.keydesk.cli..", JAVAFX);
  }

  @Test
  void authenticatorIsNotAClient() {
    mustNotImport(
        "authenticator", "io.keydesk.webauthn..", "io.keydesk.rp..", "io.keydesk.store..",
        "io.keydesk.server..", "io.keydesk.app..", "io.keydesk.gui..", "io.keydesk.cli..",
        JAVAFX);
  }

  @Test
  void serverIsIndependentOfTheDesktopSide() {
    mustNotImport(
        "server", "io.keydesk.gui..", "io.keydesk.cli..", "io.keydesk.app..",
        "io.keydesk.hid..", "io.keydesk.ctap2..", JAVAFX);
  }

  @Test
  void appHasNoUi() {
    mustNotImport("app", "io.keydesk.gui..", "io.keydesk.cli..", JAVAFX);
  }

  @Test
  void guiGoesThroughApp() {
    mustNotImport("gui", "io.keydesk.hid..", "io.keydesk.ctap2..", "io.keydesk.ctap1..",
        "io.keydesk.cli..");
  }

  @Test
  void cliHasNoJavaFx() {
    mustNotImport("cli", "io.keydesk.gui..", JAVAFX);
  }

  @Test
  void onlyTheCliWritesToStdout() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.keydesk.cli..")
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .because("DESIGN.md: the cli package is the only one that writes to stdout")
        .check(classes);
  }
}
