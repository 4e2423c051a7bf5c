package io.ward.console.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.ward.console.client.AuditPage;
import io.ward.console.client.Defender;
import io.ward.console.client.Explorer;
import io.ward.console.client.InstallToken;
import io.ward.console.client.RuleSet;
import io.ward.console.client.User;
import java.util.List;
import java.util.Map;

/** The console's pages (templates/NAME.html); every one extends templates/layout.html. */
@CheckedTemplate
public class Templates {

    private Templates() {
    }

    public static native TemplateInstance login(String username, String error);

    public static native TemplateInstance audits(AuditFilters filters, AuditPage page, Map<String, String> errors,
                                                 String followInterval);

    /** Only the table body, for htmx's live follow. */
    public static native TemplateInstance audits$rows(AuditFilters filters, AuditPage page, String followInterval);

    public static native TemplateInstance rules(RuleSet ruleSet);

    public static native TemplateInstance ruleEditor(RuleForm form, String problem);

    public static native TemplateInstance explorer(Explorer explorer, String appId);

    public static native TemplateInstance defenders(List<Defender> defenders);

    public static native TemplateInstance users(List<User> users, String username, String role, List<String> roles,
                                                Map<String, String> errors, String problem);

    public static native TemplateInstance installTokens(List<InstallToken> tokens, InstallToken minted, String appId,
                                                        Map<String, String> errors, String problem);

    public static native TemplateInstance error(int status, String message);
}
