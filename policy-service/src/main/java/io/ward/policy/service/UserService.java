package io.ward.policy.service;

import io.ward.http.problems.FieldError;
import io.ward.http.problems.ProblemException;
import io.ward.http.problems.Roles;
import io.ward.policy.UserAccount;
import io.ward.policy.auth.PasswordHasher;
import io.ward.policy.repository.UserRepository;
import io.ward.policy.rest.model.UserCreateRequest;
import io.ward.policy.rest.model.UserUpdateRequest;
import io.ward.policy.rest.model.UserView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/** Console users: create, read, change password/role, delete; there is always at least one admin. */
@ApplicationScoped
@Transactional
public class UserService {

    private static final Logger LOG = Logger.getLogger(UserService.class);

    private final UserRepository repository;
    private final PasswordHasher hasher;

    public UserService(UserRepository repository, PasswordHasher hasher) {
        this.repository = repository;
        this.hasher = hasher;
    }

    public UserView create(UserCreateRequest request, String actor) {
        if (repository.findByIdOptional(request.username()).isPresent()) {
            throw ProblemException.conflict("User " + request.username() + " already exists.",
                    List.of(new FieldError("username", "already exists")));
        }
        UserAccount user = new UserAccount();
        user.username = request.username();
        user.passwordHash = hasher.hash(request.password());
        user.role = request.role();
        user.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        user.updatedAt = user.createdAt;
        repository.persist(user);
        LOG.infof("%s created user %s with role %s", actor, user.username, user.role);
        return view(user);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UserView> list() {
        return repository.listByName().stream().map(UserService::view).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public UserView get(String username) {
        return view(find(username));
    }

    public UserView update(String username, UserUpdateRequest request, String actor) {
        UserAccount user = find(username);
        if (request.role() != null && !request.role().equals(user.role)) {
            refuseRemovingLastAdmin(user, "demote");
            user.role = request.role();
        }
        if (request.password() != null) {
            user.passwordHash = hasher.hash(request.password());
        }
        user.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        LOG.infof("%s updated user %s", actor, username);
        return view(user);
    }

    public void delete(String username, String actor) {
        UserAccount user = find(username);
        refuseRemovingLastAdmin(user, "delete");
        repository.delete(user);
        LOG.infof("%s deleted user %s", actor, username);
    }

    private void refuseRemovingLastAdmin(UserAccount user, String action) {
        if (Roles.ADMIN.equals(user.role) && repository.countAdmins() <= 1) {
            throw ProblemException.conflict("Cannot " + action + " " + user.username + ": it is the last admin.",
                    List.of());
        }
    }

    private UserAccount find(String username) {
        return repository.findByIdOptional(username)
                .orElseThrow(() -> ProblemException.notFound("No user " + username + "."));
    }

    private static UserView view(UserAccount user) {
        return new UserView(user.username, user.role, user.createdAt, user.updatedAt);
    }
}
