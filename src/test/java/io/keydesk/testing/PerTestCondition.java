package io.keydesk.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The skip rule of the opt-in test tiers (native HID, real key): decided per test method, so every
 * skipped test is counted in the report and carries the reason, which says what to run or install.
 */
public abstract class PerTestCondition implements ExecutionCondition {

  /** Empty when the test can run here; otherwise why not and how to enable it. */
  protected abstract Optional<String> skipReason(ExtensionContext testContext);

  /** The "enabled" reason JUnit records when the test runs. */
  protected abstract String enabledReason();

  @Override
  public final ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) {
      return ConditionEvaluationResult.enabled("decided per test");
    }
    return skipReason(context)
        .map(ConditionEvaluationResult::disabled)
        .orElseGet(() -> ConditionEvaluationResult.enabled(enabledReason()));
  }
}
