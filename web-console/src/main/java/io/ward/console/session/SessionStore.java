package io.ward.console.session;

import io.ward.console.config.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sessions, in memory: the browser holds only a random id (an HttpOnly cookie), the token stays here.
 * A restart signs everyone out, which is the safe direction.
 */
@ApplicationScoped
public class SessionStore {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final ConsoleConfig config;
    private final Clock clock = Clock.systemUTC();

    private record Entry(ConsoleSession session, Instant lastUsed) {
    }

    SessionStore(ConsoleConfig config) {
        this.config = config;
    }

    public ConsoleSession open(String username, String role, String token, Instant expiresAt) {
        byte[] id = new byte[32];
        random.nextBytes(id);
        ConsoleSession session = new ConsoleSession(Base64.getUrlEncoder().withoutPadding().encodeToString(id),
                username, role, token, expiresAt);
        Instant now = clock.instant();
        sessions.values().removeIf(e -> expired(e, now));
        sessions.put(session.id(), new Entry(session, now));
        return session;
    }

    /** The live session with this id; an idle or token-expired one is dropped. */
    public Optional<ConsoleSession> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Entry entry = sessions.computeIfPresent(id, (k, e) -> expired(e, now) ? null : new Entry(e.session(), now));
        return Optional.ofNullable(entry).map(Entry::session);
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private boolean expired(Entry e, Instant now) {
        return !now.isBefore(e.session().expiresAt()) || !now.isBefore(e.lastUsed().plus(config.idleTimeout()));
    }
}
