package io.ward.policy;

import io.ward.policy.auth.AddressRange;
import io.ward.policy.config.AuthConfig;
import java.time.Duration;
import java.util.List;

/** Auth settings for unit tests of the throttle and the client address, without a running service. */
record TestAuthConfig(int maxFailuresPerAccountAndClient, int maxFailuresPerAccount, int maxFailuresPerClient,
        Duration throttleWindow, List<AddressRange> trustedProxies) implements AuthConfig {

    static TestAuthConfig limits(int perAccountAndClient, int perAccount, int perClient, Duration window) {
        return new TestAuthConfig(perAccountAndClient, perAccount, perClient, window, List.of(AddressRange.of("127.0.0.0/8")));
    }

    static TestAuthConfig trusting(String... ranges) {
        return new TestAuthConfig(5, 50, 20, Duration.ofMinutes(5), List.of(ranges).stream().map(AddressRange::of).toList());
    }

    @Override
    public int hashIterations() {
        return 1;
    }

    @Override
    public Duration tokenLifetime() {
        return Duration.ofHours(1);
    }

    @Override
    public Duration defenderTokenLifetime() {
        return Duration.ofSeconds(45);
    }
}
