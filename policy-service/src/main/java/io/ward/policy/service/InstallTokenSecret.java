package io.ward.policy.service;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of an install token string {@code wdt_<id>_<secret>}. */
public record InstallTokenSecret(String id, String secret) {

    private static final String PREFIX = "wdt_";
    private static final Pattern SHAPE = Pattern.compile("^wdt_([0-9a-f]{16})_([0-9a-f]{64})$");

    public String token() {
        return PREFIX + id + "_" + secret;
    }

    public static Optional<InstallTokenSecret> parse(String token) {
        Matcher m = SHAPE.matcher(token);
        return m.matches() ? Optional.of(new InstallTokenSecret(m.group(1), m.group(2))) : Optional.empty();
    }
}
