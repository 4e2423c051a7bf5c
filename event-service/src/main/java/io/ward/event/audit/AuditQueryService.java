package io.ward.event.audit;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/** The console's reads of stored audits: keyset pages, counts and the streamed CSV export. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AuditQueryService {

    private final AuditRepository repository;

    public AuditQueryService(AuditRepository repository) {
        this.repository = repository;
    }

    /** Up to {@code size} audits matching {@code filter}, newest first, strictly after {@code after} if given. */
    public AuditPage page(AuditFilter filter, AuditCursor after, int size) throws SQLException {
        List<StoredAudit> rows = repository.page(filter, after, size + 1);
        if (rows.size() <= size) {
            return new AuditPage(rows, null);
        }
        List<StoredAudit> items = List.copyOf(rows.subList(0, size));
        StoredAudit last = items.get(size - 1);
        return new AuditPage(items, new AuditCursor(last.time(), last.id()).encode());
    }

    public long count(AuditFilter filter) throws SQLException {
        return repository.count(filter);
    }

    /**
     * Hands every audit matching {@code filter}, newest first, to {@code sink}. PostgreSQL streams through a
     * server-side cursor only inside a transaction, which may last as long as a big export takes, not the default 60 s.
     */
    @Transactional
    @TransactionConfiguration(timeout = 3600)
    public void stream(AuditFilter filter, Consumer<StoredAudit> sink) throws SQLException {
        repository.stream(filter, sink);
    }
}
