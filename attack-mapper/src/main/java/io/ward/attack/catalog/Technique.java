package io.ward.attack.catalog;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** An ATT&CK technique or sub-technique with its real MITRE id, name and the tactics it serves. */
@RegisterForReflection
public record Technique(String id, String name, List<String> tactics) {

    public boolean isSubTechnique() {
        return id.indexOf('.') > 0;
    }

    public String parentId() {
        return isSubTechnique() ? id.substring(0, id.indexOf('.')) : id;
    }
}
