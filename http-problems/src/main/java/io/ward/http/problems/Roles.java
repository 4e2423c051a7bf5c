package io.ward.http.problems;

import java.util.Set;

/** The role names carried in the {@code groups} claim of Ward tokens, for every service. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String AUDITOR = "auditor";
    public static final String DEFENDER = "defender";

    /** Roles a person or an access key may hold (defender is only ever minted from an install token). */
    public static final Set<String> ASSIGNABLE = Set.of(ADMIN, OPERATOR, AUDITOR);

    private Roles() {
    }
}
