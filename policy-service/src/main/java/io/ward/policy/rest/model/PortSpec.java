package io.ward.policy.rest.model;

import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A port ({@code "5000"}) or an inclusive range ({@code "8000-8080"}), within 1-65535, start not above end. */
@Target(TYPE_USE)
@Retention(RUNTIME)
@Constraint(validatedBy = PortSpec.Validator.class)
public @interface PortSpec {

    String message() default "must be a port 1-65535 or a range like 8000-8080";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the shape, the bounds and the order of a range. */
    class Validator implements ConstraintValidator<PortSpec, String> {

        private static final Pattern SHAPE = Pattern.compile("^(\\d{1,5})(?:-(\\d{1,5}))?$");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            Matcher m = SHAPE.matcher(value);
            if (!m.matches()) {
                return false;
            }
            int start = Integer.parseInt(m.group(1));
            int end = m.group(2) == null ? start : Integer.parseInt(m.group(2));
            if (start < 1 || end > 65535) {
                return false;
            }
            if (start > end) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("range start must not be above its end").addConstraintViolation();
                return false;
            }
            return true;
        }
    }
}
