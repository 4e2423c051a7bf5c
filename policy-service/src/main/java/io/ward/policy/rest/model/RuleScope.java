package io.ward.policy.rest.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Which app ids a rule applies to: globs with {@code *} and {@code ?}, e.g. {@code ["*"]} or {@code ["shop-*"]}. */
@RegisterForReflection
public record RuleScope(
        @NotNull @Size(min = 1, max = 100) List<@NotNull @Pattern(regexp = "^[A-Za-z0-9._:*?-]{1,128}$",
                message = "must be an app id glob: 1-128 letters, digits, . _ : - * ?") String> appIds) {
}
