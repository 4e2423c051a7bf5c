package io.ward.attack.classify;

import java.util.List;

/** What rules look at in one audit: its type, the executable, the parent's name and every command it runs. */
public record AuditFacts(Audit audit, String type, String executable, String parentName, List<SimpleCommand> commands) {

    public static AuditFacts of(Audit audit) {
        String executable = audit.process() == null ? null : audit.process().path();
        String parent = audit.process() == null ? null : CommandExtractor.basename(audit.process().parentPath());
        return new AuditFacts(audit, audit.effectiveType(), executable, parent, CommandExtractor.commands(audit.process()));
    }
}
