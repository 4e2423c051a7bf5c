package io.ward.event.rest;

/** The roles carried in the {@code groups} claim of Ward tokens. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String AUDITOR = "auditor";
    public static final String DEFENDER = "defender";

    private Roles() {
    }
}
