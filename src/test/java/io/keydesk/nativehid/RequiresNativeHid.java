package io.keydesk.nativehid;

import io.keydesk.testing.PerTestCondition;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class of the native HID tier: each test is reported as skipped, with the reason from
 * {@link NativeHidEnvironment}, unless the profile is on and the packages are installed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("native-hid")
@ExtendWith(RequiresNativeHid.Condition.class)
@interface RequiresNativeHid {

  /** Decides per test method, so every skipped test is counted and carries the reason. */
  final class Condition extends PerTestCondition {
    @Override
    protected Optional<String> skipReason(ExtensionContext testContext) {
      return NativeHidEnvironment.skipReason();
    }

    @Override
    protected String enabledReason() {
      return "native HID environment present";
    }
  }
}
