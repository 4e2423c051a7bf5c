package io.ward.policy.rest.model;

/** Shapes of identifiers accepted on the wire. */
public final class Patterns {

    /** App ids as ACI and Ward use them: a letter or digit, then letters, digits and . _ : - (max 128). */
    public static final String APP_ID = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$";
    public static final String APP_ID_MESSAGE = "must be 1-128 letters, digits or . _ : - starting with a letter or digit";
    /** Usernames: a letter or digit, then letters, digits and . _ @ - (max 64). */
    public static final String USERNAME = "^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$";
    public static final String USERNAME_MESSAGE = "must be 1-64 letters, digits or . _ @ - starting with a letter or digit";
    public static final String ROLE = "^(admin|operator|auditor)$";
    public static final String ROLE_MESSAGE = "must be one of admin, operator, auditor";

    private Patterns() {
    }
}
