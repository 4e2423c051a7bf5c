package io.ward.console.rest;

import io.quarkus.qute.TemplateInstance;
import io.ward.console.client.ApiException;
import io.ward.console.client.PolicyServiceApi;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Defend → Runtime → App-Embedded rules: the ordered list, the editor and moves. Every change is policy-service's
 * decision: it validates the fields and refuses a role that may not edit, whatever the page showed.
 */
@Path("/rules")
@Produces(MediaType.TEXT_HTML)
public class RulesResource {

    private final PolicyServiceApi policy;

    public RulesResource(@RestClient PolicyServiceApi policy) {
        this.policy = policy;
    }

    @GET
    public TemplateInstance list() {
        return Templates.rules(policy.rules());
    }

    @GET
    @Path("new")
    public TemplateInstance create() {
        return Templates.ruleEditor(RuleForm.blank(), null);
    }

    @GET
    @Path("edit")
    public TemplateInstance edit(@RestQuery String name) {
        return Templates.ruleEditor(RuleForm.of(policy.rule(name)), null);
    }

    @POST
    public Response save(@BeanParam RuleForm form) {
        try {
            if (form.isNew()) {
                policy.create(form.toRule());
            } else {
                policy.replace(form.originalName, form.toRule());
            }
            return Redirect.to("/rules").build();
        } catch (ApiException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            form.errors = e.fieldErrors();
            return Response.status(e.status()).entity(Templates.ruleEditor(form, e.detail())).build();
        }
    }

    @POST
    @Path("move")
    public Response move(@RestForm String name, @RestForm int position) {
        policy.move(name, new PolicyServiceApi.Move(position));
        return Redirect.to("/rules").build();
    }
}
