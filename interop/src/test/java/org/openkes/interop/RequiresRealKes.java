package org.openkes.interop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that needs the real KES binary. Without it the class is skipped with a
 * one-line reason (shown by Maven as a skipped test), except with {@code CI=true}, where the class
 * runs and {@link KesBinary#require()} fails it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresRealKes.Condition.class)
@interface RequiresRealKes {
  /** Decides before any server is started. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (Files.isExecutable(KesBinary.expectedPath()) || KesBinary.isCi()) {
        return ConditionEvaluationResult.enabled("real KES available (or required: CI=true)");
      }
      if (context.getTestMethod().isEmpty()) {
        // Maven keeps the reason in its XML report only; one line per class on the console.
        System.err.println("Skipping " + context.getDisplayName() + ": " + KesBinary.missingMessage());
      }
      return ConditionEvaluationResult.disabled(KesBinary.missingMessage());
    }
  }
}
