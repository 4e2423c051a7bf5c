package io.ward.http.problems;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Set;

/**
 * The bearer-token mechanism, answering its 401 challenge with a problem body. A request without a valid token that
 * is refused in the HTTP layer (with proactive authentication, or on a path guarded by an HTTP permission such as
 * {@code /q/metrics}) never reaches the service's exception mappers: it gets the mechanism's challenge, a bare 401
 * with {@code WWW-Authenticate: Bearer}. Everything but that body is smallrye-jwt's own; as an alternative this bean
 * takes {@link JWTAuthMechanism}'s place (the pattern of Quarkus' security customization guide).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ProblemChallenge implements HttpAuthenticationMechanism {

    private final JWTAuthMechanism jwt;
    private final HttpProblems problems;

    ProblemChallenge(JWTAuthMechanism jwt, HttpProblems problems) {
        this.jwt = jwt;
        this.problems = problems;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return jwt.authenticate(context, identityProviderManager);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return jwt.getChallenge(context);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return jwt.getChallenge(context).map(challenge -> {
            challenge.getHeaders().forEach((name, value) -> context.response().headers().set(name, value));
            problems.refuseUnauthenticated(context, challenge.status);
            return true;
        });
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return jwt.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return jwt.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        return jwt.getPriority();
    }
}
