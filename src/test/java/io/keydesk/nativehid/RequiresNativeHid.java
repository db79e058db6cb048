package io.keydesk.nativehid;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
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
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (context.getTestMethod().isEmpty()) {
        return ConditionEvaluationResult.enabled("decided per test");
      }
      Optional<String> reason = NativeHidEnvironment.skipReason();
      return reason
          .map(ConditionEvaluationResult::disabled)
          .orElseGet(() -> ConditionEvaluationResult.enabled("native HID environment present"));
    }
  }
}
