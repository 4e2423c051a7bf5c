package io.ward.attack.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and validates {@code attack-catalog.json}; any inconsistency stops the service with a precise message. */
public final class CatalogLoader {

    private static final Pattern TECHNIQUE_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");
    private static final Pattern TACTIC_ID = Pattern.compile("[a-z]+(-[a-z]+)*");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The file's layout. */
    @RegisterForReflection
    record CatalogFile(String attackVersion, String comment, List<Tactic> tactics, List<Technique> techniques) {
    }

    private CatalogLoader() {
    }

    public static AttackCatalog load(String name, InputStream in) {
        CatalogFile file;
        try {
            file = JSON.readValue(in, CatalogFile.class);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new DataFileException(name + ": not a valid catalog file: " + detail, e);
        }
        if (file == null || blank(file.attackVersion()) || file.tactics() == null || file.techniques() == null) {
            throw new DataFileException(name + ": attackVersion, tactics and techniques are required");
        }
        Set<String> tacticIds = new HashSet<>();
        for (Tactic tactic : file.tactics()) {
            if (tactic == null || tactic.id() == null || !TACTIC_ID.matcher(tactic.id()).matches() || blank(tactic.name())) {
                throw new DataFileException(name + ": tactic " + tactic + " needs a lower-case slug id and a name");
            }
            if (!tacticIds.add(tactic.id())) {
                throw new DataFileException(name + ": tactic '" + tactic.id() + "' is listed twice");
            }
        }
        Set<String> techniqueIds = new HashSet<>();
        for (Technique technique : file.techniques()) {
            checkTechnique(name, technique, tacticIds, techniqueIds);
        }
        for (Technique technique : file.techniques()) {
            if (technique.isSubTechnique()) {
                Technique parent = file.techniques().stream().filter(t -> t.id().equals(technique.parentId()))
                        .findFirst().orElseThrow(() -> new DataFileException(
                                name + ": sub-technique " + technique.id() + " has no parent " + technique.parentId()));
                if (!technique.name().startsWith(parent.name() + ": ")) {
                    throw new DataFileException(name + ": sub-technique " + technique.id() + " must be named '"
                            + parent.name() + ": ...'");
                }
            }
        }
        return new AttackCatalog(file.attackVersion(), file.tactics(), file.techniques());
    }

    private static void checkTechnique(String name, Technique technique, Set<String> tacticIds, Set<String> seen) {
        if (technique == null || technique.id() == null || !TECHNIQUE_ID.matcher(technique.id()).matches()) {
            throw new DataFileException(name + ": technique " + technique + " needs an id like T1059 or T1059.004");
        }
        if (blank(technique.name()) || technique.tactics() == null || technique.tactics().isEmpty()) {
            throw new DataFileException(name + ": technique " + technique.id() + " needs a name and at least one tactic");
        }
        for (String tactic : technique.tactics()) {
            if (!tacticIds.contains(tactic)) {
                throw new DataFileException(name + ": technique " + technique.id() + " names unknown tactic '" + tactic + "'");
            }
        }
        if (!seen.add(technique.id())) {
            throw new DataFileException(name + ": technique " + technique.id() + " is listed twice");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
