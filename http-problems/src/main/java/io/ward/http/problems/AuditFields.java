package io.ward.http.problems;

/**
 * The audit's field rules that event-service (which stores audits) and attack-mapper (which classifies them) both
 * check, written once: the values and limits of wire-schema/audit-batch.schema.json, where each is explained. Both
 * services' WireSchemaTest hold them to the schema. Compile-time constants, for Bean Validation annotations.
 */
public final class AuditFields {

    public static final String TYPES = "processes|network|dns|filesystem";
    public static final String TYPES_MESSAGE = "must be one of processes, network, dns, filesystem";
    public static final String REASONS =
            "denied|not-allowed|crypto-miner|modified-binary|reverse-shell|listen-port|outbound|dns";
    public static final String REASONS_MESSAGE = "must be one of denied, not-allowed, crypto-miner, modified-binary, "
            + "reverse-shell, listen-port, outbound, dns";
    public static final String DIRECTIONS = "listen|outbound";
    public static final String DIRECTIONS_MESSAGE = "must be listen or outbound";
    public static final String PROTOCOLS = "tcp|udp|raw";
    public static final String PROTOCOLS_MESSAGE = "must be tcp, udp or raw";
    /** An IPv4 or IPv6 address's characters; at most {@link #MAX_IP} of them (INET6_ADDRSTRLEN − 1). */
    public static final String IP = "[0-9A-Fa-f.:]+";
    public static final String IP_MESSAGE = "must be an IPv4 or IPv6 address";
    public static final int MAX_IP = 45;
    /** The defender writes at most 4,095 bytes of a command line (WD_MAX_COMMAND). */
    public static final int MAX_COMMAND = 8192;
    /** PATH_MAX. */
    public static final int MAX_PATH = 4096;
    public static final int MAX_DOMAIN = 253;
    public static final int MAX_QUERY_TYPE = 16;

    private AuditFields() {
    }
}
