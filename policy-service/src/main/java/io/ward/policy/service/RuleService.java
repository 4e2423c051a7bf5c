package io.ward.policy.service;

import io.ward.http.problems.FieldError;
import io.ward.http.problems.ProblemException;
import io.ward.policy.RuntimeRule;
import io.ward.policy.mapping.RuleMapper;
import io.ward.policy.repository.RuntimeRuleRepository;
import io.ward.policy.rest.model.AppEmbeddedRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Reads and changes the ordered rule set. Every change first takes the next revision (which serialises writers),
 * refuses stale expectations with 409, and hands the new snapshot to the resolver after commit.
 */
@ApplicationScoped
@Transactional
public class RuleService {

    private static final Logger LOG = Logger.getLogger(RuleService.class);

    private final RuntimeRuleRepository repository;
    private final Event<RuleSetSnapshot> committed;

    public RuleService(RuntimeRuleRepository repository, Event<RuleSetSnapshot> committed) {
        this.repository = repository;
        this.committed = committed;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public RuleSetSnapshot snapshot() {
        // Revision first: if a change commits in between, the rules are newer than the label, never older.
        long revision = repository.currentRevision();
        return new RuleSetSnapshot(revision, repository.listInOrder().stream().map(RuleMapper::toView).toList());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AppEmbeddedRule get(String name) {
        return RuleMapper.toView(find(name));
    }

    public AppEmbeddedRule create(AppEmbeddedRule body, String actor) {
        long revision = repository.nextRevision();
        refuseTakenName(body.name());
        RuntimeRule rule = new RuntimeRule();
        RuleMapper.apply(body, rule);
        rule.position = (int) repository.count();
        stamp(rule, revision, actor);
        repository.persist(rule);
        return changed(rule, revision, actor, "created");
    }

    public AppEmbeddedRule replace(String name, AppEmbeddedRule body, Long expectedRevision, String actor) {
        long revision = repository.nextRevision();
        RuntimeRule rule = findCurrent(name, expectedRevision);
        if (!name.equals(body.name())) {
            refuseTakenName(body.name());
        }
        RuleMapper.apply(body, rule);
        stamp(rule, revision, actor);
        return changed(rule, revision, actor, "replaced");
    }

    public AppEmbeddedRule setDisabled(String name, boolean disabled, Long expectedRevision, String actor) {
        long revision = repository.nextRevision();
        RuntimeRule rule = findCurrent(name, expectedRevision);
        rule.disabled = disabled;
        stamp(rule, revision, actor);
        return changed(rule, revision, actor, disabled ? "disabled" : "enabled");
    }

    public AppEmbeddedRule move(String name, int position, Long expectedRevision, String actor) {
        long revision = repository.nextRevision();
        RuntimeRule rule = findCurrent(name, expectedRevision);
        List<RuntimeRule> order = new ArrayList<>(repository.listInOrder());
        if (position >= order.size()) {
            throw ProblemException.badRequest("position", "must be between 0 and " + (order.size() - 1));
        }
        order.remove(rule);
        order.add(position, rule);
        renumber(order);
        stamp(rule, revision, actor);
        return changed(rule, revision, actor, "moved to " + position);
    }

    public void delete(String name, Long expectedRevision, String actor) {
        long revision = repository.nextRevision();
        RuntimeRule rule = findCurrent(name, expectedRevision);
        repository.delete(rule);
        List<RuntimeRule> order = new ArrayList<>(repository.listInOrder());
        order.remove(rule);
        renumber(order);
        changed(rule, revision, actor, "deleted");
    }

    private AppEmbeddedRule changed(RuntimeRule rule, long revision, String actor, String what) {
        repository.flush();
        committed.fire(snapshotAt(revision));
        LOG.infof("%s %s rule '%s' (revision %d)", actor, what, rule.name, revision);
        return RuleMapper.toView(rule);
    }

    private RuleSetSnapshot snapshotAt(long revision) {
        return new RuleSetSnapshot(revision, repository.listInOrder().stream().map(RuleMapper::toView).toList());
    }

    private static void renumber(List<RuntimeRule> order) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).position != i) {
                order.get(i).position = i;
            }
        }
    }

    private static void stamp(RuntimeRule rule, long revision, String actor) {
        rule.revision = revision;
        rule.modified = Instant.now().truncatedTo(ChronoUnit.MICROS);
        rule.modifiedBy = actor;
    }

    private void refuseTakenName(String name) {
        if (repository.findByName(name).isPresent()) {
            throw ProblemException.conflict("A rule named '" + name + "' already exists.",
                    List.of(new FieldError("name", "already exists")));
        }
    }

    private RuntimeRule findCurrent(String name, Long expectedRevision) {
        RuntimeRule rule = find(name);
        if (expectedRevision != null && expectedRevision != rule.revision) {
            throw ProblemException.conflict("Rule '" + name + "' is at revision " + rule.revision + ", not "
                    + expectedRevision + "; reload it and retry.", List.of());
        }
        return rule;
    }

    private RuntimeRule find(String name) {
        return repository.findByName(name)
                .orElseThrow(() -> ProblemException.notFound("No rule named '" + name + "'."));
    }
}
