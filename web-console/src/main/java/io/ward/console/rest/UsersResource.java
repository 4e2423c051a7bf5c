package io.ward.console.rest;

import io.quarkus.qute.TemplateInstance;
import io.ward.console.client.ApiException;
import io.ward.console.client.PolicyServiceApi;
import io.ward.http.problems.Roles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/** Manage → Users (admins): list, add, delete. policy-service refuses anyone else. */
@Path("/users")
@Produces(MediaType.TEXT_HTML)
public class UsersResource {

    /**
     * The roles a person may be given, least privilege first (the form's default). Listed here, not taken from
     * {@code Roles.ASSIGNABLE}: only the kit's compile-time constants reach the console (see README).
     */
    private static final List<String> ASSIGNABLE_ROLES = List.of(Roles.AUDITOR, Roles.OPERATOR, Roles.ADMIN);

    private final PolicyServiceApi policy;

    public UsersResource(@RestClient PolicyServiceApi policy) {
        this.policy = policy;
    }

    @GET
    public TemplateInstance list() {
        return Templates.users(policy.users(), "", Roles.AUDITOR, ASSIGNABLE_ROLES, Map.of(), null);
    }

    @POST
    public Response create(@RestForm String username, @RestForm String password, @RestForm String role) {
        try {
            policy.createUser(new PolicyServiceApi.NewUser(username == null ? null : username.trim(), password, role));
            return Redirect.to("/users").build();
        } catch (ApiException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            return Response.status(e.status())
                    .entity(Templates.users(policy.users(), username, role, ASSIGNABLE_ROLES, e.fieldErrors(), e.detail())).build();
        }
    }

    @POST
    @Path("delete")
    public Response delete(@RestForm String username) {
        policy.deleteUser(username);
        return Redirect.to("/users").build();
    }
}
