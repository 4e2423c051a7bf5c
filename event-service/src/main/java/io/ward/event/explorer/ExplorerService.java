package io.ward.event.explorer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ATT&CK explorer's counts: every tactic, with its techniques, over a time range. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ExplorerService {

    private final ExplorerRepository repository;

    public ExplorerService(ExplorerRepository repository) {
        this.repository = repository;
    }

    /** Classified audits from {@code from} (inclusive) to {@code to} (exclusive), of {@code appId} or of all apps. */
    public AttackExplorer explore(Instant from, Instant to, String appId) throws SQLException {
        return assemble(repository.counts(from, to, appId));
    }

    /** Every known tactic in order (then any other tactic attack-mapper reported), techniques most frequent first. */
    private static AttackExplorer assemble(List<ExplorerRepository.Row> rows) {
        Map<String, Long> tacticCounts = new LinkedHashMap<>();
        for (Tactic t : Tactic.values()) {
            tacticCounts.put(t.id(), 0L);
        }
        Map<String, List<AttackExplorer.TechniqueCount>> techniques = new LinkedHashMap<>();
        for (ExplorerRepository.Row row : rows) {
            if (row.techniqueId().isEmpty()) {
                tacticCounts.put(row.tactic(), row.count());
            } else {
                techniques.computeIfAbsent(row.tactic(), k -> new ArrayList<>())
                        .add(new AttackExplorer.TechniqueCount(row.techniqueId(), row.techniqueName(), row.count()));
            }
        }
        List<AttackExplorer.TacticCount> tactics = new ArrayList<>();
        tacticCounts.forEach((id, count) -> {
            List<AttackExplorer.TechniqueCount> list = techniques.getOrDefault(id, new ArrayList<>());
            list.sort(Comparator.comparingLong(AttackExplorer.TechniqueCount::count).reversed()
                    .thenComparing(AttackExplorer.TechniqueCount::id));
            tactics.add(new AttackExplorer.TacticCount(id, Tactic.nameOf(id), count, list));
        });
        return new AttackExplorer(tactics);
    }
}
