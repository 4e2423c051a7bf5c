package io.ward.event.defender;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.List;

/** The defender registry: records heartbeats and lists defenders with their status. */
@ApplicationScoped
@Transactional
public class DefenderService {

    private final DefenderRepository repository;

    public DefenderService(DefenderRepository repository) {
        this.repository = repository;
    }

    /** Records a heartbeat; false when the instance id is already registered under another app id. */
    public boolean record(Heartbeat beat, int intervalSeconds) throws SQLException, JsonProcessingException {
        return repository.record(beat, intervalSeconds);
    }

    /** Defenders matching the optional filters, most recently seen first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Defender> list(String status, String appId) throws SQLException, JsonProcessingException {
        return repository.list(status, appId);
    }
}
