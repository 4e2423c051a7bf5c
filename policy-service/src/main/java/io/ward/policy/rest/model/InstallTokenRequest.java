package io.ward.policy.rest.model;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Asks for a defender install token scoped to one app id. */
public record InstallTokenRequest(
        @NotNull @Pattern(regexp = Patterns.APP_ID, message = Patterns.APP_ID_MESSAGE) String appId) {
}
