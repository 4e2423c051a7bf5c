package io.ward.policy.rest.model;

/** What happens to denied and not-allowed activity. */
public final class Effects {

    public static final String ALERT = "alert";
    public static final String PREVENT = "prevent";
    static final String PATTERN = "^(alert|prevent)$";
    static final String MESSAGE = "must be alert or prevent";

    private Effects() {
    }
}
