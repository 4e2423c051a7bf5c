package io.ward.event.explorer;

import java.util.Locale;

/** The MITRE ATT&CK Enterprise tactics (v18), in kill-chain order, as the explorer lists them. */
public enum Tactic {
    RECONNAISSANCE("reconnaissance", "Reconnaissance"),
    RESOURCE_DEVELOPMENT("resource-development", "Resource Development"),
    INITIAL_ACCESS("initial-access", "Initial Access"),
    EXECUTION("execution", "Execution"),
    PERSISTENCE("persistence", "Persistence"),
    PRIVILEGE_ESCALATION("privilege-escalation", "Privilege Escalation"),
    STEALTH("stealth", "Stealth"),
    DEFENSE_IMPAIRMENT("defense-impairment", "Defense Impairment"),
    CREDENTIAL_ACCESS("credential-access", "Credential Access"),
    DISCOVERY("discovery", "Discovery"),
    LATERAL_MOVEMENT("lateral-movement", "Lateral Movement"),
    COLLECTION("collection", "Collection"),
    COMMAND_AND_CONTROL("command-and-control", "Command and Control"),
    EXFILTRATION("exfiltration", "Exfiltration"),
    IMPACT("impact", "Impact");

    private final String id;
    private final String displayName;

    Tactic(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * The tactic id for {@code text} given as id ({@code command-and-control}) or name ({@code Command and Control});
     * text naming no known tactic is returned lower-cased so it is still counted under its own name.
     */
    public static String normalize(String text) {
        return text.trim().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
    }

    /** The display name of tactic id {@code id}, or the id itself for a tactic this list does not know. */
    public static String nameOf(String id) {
        for (Tactic t : values()) {
            if (t.id.equals(id)) {
                return t.displayName;
            }
        }
        return id;
    }
}
