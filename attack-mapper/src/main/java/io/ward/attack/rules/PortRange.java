package io.ward.attack.rules;

/** An inclusive port range written as {@code "443"} or {@code "5900-5910"}. */
record PortRange(int from, int to) {

    static PortRange parse(String text) {
        String[] bounds = text.trim().split("-", 2);
        int from = Integer.parseInt(bounds[0].trim());
        int to = bounds.length == 2 ? Integer.parseInt(bounds[1].trim()) : from;
        if (from < 0 || to > 65535 || from > to) {
            throw new IllegalArgumentException("port range out of bounds: " + text);
        }
        return new PortRange(from, to);
    }

    boolean contains(int port) {
        return port >= from && port <= to;
    }
}
