package io.ward.console.rest;

import io.quarkus.qute.TemplateInstance;
import io.ward.console.client.ApiException;
import io.ward.console.client.InstallToken;
import io.ward.console.client.PolicyServiceApi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/** Manage → Defender install tokens: list, mint one per app id (its secret shown once), revoke. */
@Path("/install-tokens")
@Produces(MediaType.TEXT_HTML)
public class InstallTokensResource {

    private final PolicyServiceApi policy;

    public InstallTokensResource(@RestClient PolicyServiceApi policy) {
        this.policy = policy;
    }

    @GET
    public TemplateInstance list() {
        return Templates.installTokens(policy.installTokens(), null, "", Map.of(), null);
    }

    /** The minted token is rendered in this response only; nothing keeps it (policy-service stores its hash). */
    @POST
    public Response mint(@RestForm String appId) {
        try {
            InstallToken minted = policy.mintInstallToken(new PolicyServiceApi.NewInstallToken(
                    appId == null ? null : appId.trim()));
            return Response.ok(Templates.installTokens(policy.installTokens(), minted, "", Map.of(), null)).build();
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            return Response.status(400).entity(Templates.installTokens(policy.installTokens(), null, appId,
                    e.fieldErrors(), e.detail())).build();
        }
    }

    @POST
    @Path("revoke")
    public Response revoke(@RestForm String id) {
        policy.revokeInstallToken(id);
        return Redirect.to("/install-tokens").build();
    }
}
