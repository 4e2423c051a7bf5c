package io.ward.event.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.ward.event.classify.BacklogClassifier;
import io.ward.event.partition.AuditPartitions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;

/** Stores validated batches of audits idempotently and hands them to background classification. */
@ApplicationScoped
public class AuditIngestService {

    /** PostgreSQL's answer when no partition accepts a row (e.g. another replica dropped it meanwhile). */
    private static final String NO_PARTITION = "23514";

    private final AuditRepository repository;
    private final AuditPartitions partitions;
    private final BacklogClassifier classifier;
    private final ObjectMapper mapper;
    private final Counter accepted;
    private final Counter duplicates;

    public AuditIngestService(AuditRepository repository, AuditPartitions partitions, BacklogClassifier classifier,
                              ObjectMapper mapper, MeterRegistry registry) {
        this.repository = repository;
        this.partitions = partitions;
        this.classifier = classifier;
        this.mapper = mapper;
        this.accepted = Counter.builder("ward.audits.accepted").description("Audits newly stored").register(registry);
        this.duplicates = Counter.builder("ward.audits.duplicates").description("Replayed audits skipped").register(registry);
    }

    /** Stores {@code batch} (already validated) as one statement: all of it or, on error, none of it. */
    public IngestResult store(List<Audit> batch) throws SQLException, JsonProcessingException {
        if (batch.isEmpty()) {
            return new IngestResult(0, 0);
        }
        String json = mapper.writeValueAsString(batch);
        partitions.ensureFor(batch.stream().map(Audit::time).toList());
        int stored;
        try {
            stored = insert(json);
        } catch (SQLException e) {
            if (!NO_PARTITION.equals(e.getSQLState())) {
                throw e;
            }
            partitions.forget();
            partitions.ensureFor(batch.stream().map(Audit::time).toList());
            stored = insert(json);
        }
        accepted.increment(stored);
        duplicates.increment(batch.size() - stored);
        if (stored > 0) {
            classifier.requestClassification();
        }
        return new IngestResult(stored, batch.size() - stored);
    }

    /**
     * One insert in a transaction (the resource calls without one, so it is the insert's own). Programmatic, because
     * {@link #store} may need two: after a failed insert PostgreSQL refuses every further statement of that
     * transaction, so the retry must run in a new one.
     */
    private int insert(String json) throws SQLException {
        try {
            return QuarkusTransaction.joiningExisting().call(() -> repository.insert(json));
        } catch (QuarkusTransactionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }
}
