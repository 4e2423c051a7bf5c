package io.ward.policy.rest.model;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.OverridesAttribute;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Non-empty text without control characters, at most {@link #max()} characters (names, process entries). */
@Target({FIELD, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = {})
@Size(min = 1)
@Pattern(regexp = "^[^\\p{Cc}\\p{Cf}]*$")
@ReportAsSingleViolation
public @interface PlainText {

    String message() default "must be 1-{max} characters without control characters";

    @OverridesAttribute(constraint = Size.class, name = "max")
    int max();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
