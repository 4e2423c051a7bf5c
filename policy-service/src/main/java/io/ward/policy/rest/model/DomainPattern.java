package io.ward.policy.rest.model;

import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A DNS name, optionally starting with {@code *.} to cover its subdomains ({@code *.evil.example}). */
@Target(TYPE_USE)
@Retention(RUNTIME)
@Constraint(validatedBy = {})
@Size(max = 253)
@Pattern(regexp = "^(\\*\\.)?([A-Za-z0-9_]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?$")
@jakarta.validation.ReportAsSingleViolation
public @interface DomainPattern {

    String message() default "must be a domain name, optionally starting with *. (at most 253 characters)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
