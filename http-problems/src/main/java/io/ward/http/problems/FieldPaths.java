package io.ward.http.problems;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Names a field of a request the way clients see it in {@code errors[].field}: {@code [3].process.pid},
 * {@code counters.execsSeen}.
 */
final class FieldPaths {

    private FieldPaths() {
    }

    /**
     * {@code create.body.network.listeningPorts[0].<list element>} → {@code network.listeningPorts[0]},
     * {@code heartbeat.beat.counters<map value>[execsSeen]} → {@code counters.execsSeen}; a violation on a parameter
     * itself is named after it ({@code resolve.appId} → {@code appId}, a missing body → {@code body}).
     */
    static String ofViolation(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            if (node.getKind() == ElementKind.PARAMETER && i == nodes.size() - 1) {
                return node.getName();
            }
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
                continue;
            }
            if (node.getIndex() != null) {
                path.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                append(path, String.valueOf(node.getKey())); // a map's entry: counters.execsSeen
            }
            if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                append(path, node.getName());
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** The path of a Jackson binding error, e.g. {@code [1].network.port}; empty for the body itself. */
    static String ofJson(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                append(path, ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static void append(StringBuilder path, String name) {
        if (!path.isEmpty()) {
            path.append('.');
        }
        path.append(name);
    }
}
