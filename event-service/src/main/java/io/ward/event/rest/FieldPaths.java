package io.ward.event.rest;

import jakarta.validation.Path;

/** Names a field of an audit the way clients see it, e.g. {@code [3].process.pid} (the batch validator's paths). */
public final class FieldPaths {

    private FieldPaths() {
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
