package io.ward.policy.rest.model;

import jakarta.validation.constraints.Size;

/** Credentials exchanged for a JWT: exactly one of username+password, accessKeyId+secret or installToken. */
public record TokenRequest(
        @Size(max = 64) String username,
        @Size(max = 256) String password,
        @Size(max = 64) String accessKeyId,
        @Size(max = 256) String secret,
        @Size(max = 256) String installToken) {
}
