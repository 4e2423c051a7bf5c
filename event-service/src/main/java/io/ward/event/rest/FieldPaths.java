package io.ward.event.rest;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.Path;
import java.util.List;

/** Names a field of a request the way clients see it: {@code [3].process.pid}, {@code counters.execsSeen}. */
public final class FieldPaths {

    private FieldPaths() {
    }

    /** The path of a Jackson binding error. */
    public static String ofJson(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                append(out, ref.getFieldName());
            }
        }
        return out.toString();
    }

    /**
     * The path of a Bean Validation violation on a resource parameter, without the method and parameter
     * names that Hibernate Validator puts first (e.g. {@code heartbeat.beat.counters} → {@code counters}).
     */
    public static String ofViolation(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, PARAMETER, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> {
                    continue;
                }
                default -> {
                }
            }
            if (node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKey() != null && node.getName() == null) {
                append(out, String.valueOf(node.getKey()));
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                append(out, node.getName());
            } else if (node.getKey() != null && node.getName() != null) {
                append(out, String.valueOf(node.getKey()));
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    private static void append(StringBuilder out, String name) {
        if (!out.isEmpty()) {
            out.append('.');
        }
        out.append(name);
    }
}
