package io.keydesk.realkey;

import io.keydesk.app.DeviceSession;
import io.keydesk.ctap2.Info;
import io.keydesk.testing.PerTestCondition;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The real-key tier's JUnit extension: skips tests as {@link RealKeyPolicy} decides and hands them
 * the {@link RealKey}. Settings come from JUnit configuration parameters, which fall back to system
 * properties, so a launcher can point the tier at a simulator without touching global state.
 */
final class RealKeyExtension extends PerTestCondition implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RealKeyExtension.class);
  private static final String STATE_CHANGING_DECISION = "stateChangingDecision";

  static RealKeyPolicy.Settings settings(ExtensionContext context) {
    return RealKeyPolicy.Settings.from(context::getConfigurationParameter);
  }

  @Override
  protected Optional<String> skipReason(ExtensionContext testContext) {
    RealKeyPolicy.Settings settings = settings(testContext);
    Optional<String> tier = RealKeyPolicy.skipReason(settings);
    if (tier.isPresent() || !stateChanging(testContext)) {
      return tier;
    }
    // Decided once per class, from the getInfo read before its first test changed anything.
    ExtensionContext classContext = testContext.getParent().orElseThrow();
    @SuppressWarnings("unchecked")
    Optional<String> decision =
        classContext
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(STATE_CHANGING_DECISION, key -> decide(settings), Optional.class);
    return decision;
  }

  @Override
  protected String enabledReason() {
    return "a real key was named with -D" + RealKeyPolicy.DEVICE_PROPERTY;
  }

  private static boolean stateChanging(ExtensionContext context) {
    return AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RealKeyTest.class)
        .map(RealKeyTest::stateChanging)
        .orElse(false);
  }

  private static Optional<String> decide(RealKeyPolicy.Settings settings) {
    Info info;
    try (DeviceSession session = new RealKey(settings).open()) {
      info = session.info();
    } catch (Exception e) {
      throw new IllegalStateException(
          "Could not read getInfo from "
              + settings.device().orElseThrow()
              + " to decide whether the state-changing tests may run: "
              + e.getMessage(),
          e);
    }
    Optional<String> reason = RealKeyPolicy.stateChangingSkipReason(settings, info);
    reason.ifPresent(RealKey::say);
    return reason;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RealKey.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return new RealKey(settings(context));
  }
}
