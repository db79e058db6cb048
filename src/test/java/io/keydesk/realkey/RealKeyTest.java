package io.keydesk.realkey;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class of the real-key tier: each test is skipped, with the reason from {@link
 * RealKeyPolicy}, unless a device was named with {@value RealKeyPolicy#DEVICE_PROPERTY}; tests get
 * the {@link RealKey} as a parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(RealKeyTest.TAG)
@ExtendWith(RealKeyExtension.class)
@interface RealKeyTest {
  String TAG = "real-key";

  /**
   * True for classes that change the key (PIN, credentials, reset): they run only when {@link
   * RealKeyPolicy#stateChangingSkipReason} allows it, decided once per class from the getInfo read
   * before its first test.
   */
  boolean stateChanging() default false;
}
