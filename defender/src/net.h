/* net: endpoints, and the listen, outbound and DNS decisions made from the rule's network and dns
 * sections (their types and parsing: rule.h). Pure functions: no syscalls, so every case is
 * unit-tested. */
#ifndef WD_NET_H
#define WD_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "rule.h"

/* One side of a socket call: an address and a port, normalised like wd_cidr. */
struct wd_endpoint {
	sa_family_t family;
	uint8_t addr[16];
	uint16_t port;
};

bool wd_ports_contain(const struct wd_port_range *ranges, unsigned count, uint16_t port);

bool wd_cidr_contains(const struct wd_cidr *cidr, const struct wd_endpoint *ep);

/* AF_INET / AF_INET6 sockaddr (at least the family's size) to an endpoint; -EAFNOSUPPORT for
 * other families, -EINVAL when too short. */
int wd_endpoint_from_sockaddr(const void *sa, size_t len, struct wd_endpoint *out);
/* The address as text ("203.0.113.9", "2001:db8::1"). */
void wd_endpoint_ip_text(const struct wd_endpoint *ep, char out[WD_IP_TEXT_MAX]);
bool wd_endpoint_is_loopback(const struct wd_endpoint *ep);
bool wd_endpoint_same_ip(const struct wd_endpoint *a, const struct wd_endpoint *b);

/* `pattern` and `domain` are normalised; "*.example.com" matches names below example.com (not
 * example.com itself), "*" matches everything, anything else matches exactly. */
bool wd_domain_match(const char *pattern, const char *domain);

/* Addresses every app may reach whatever the rule says (set once at start-up): the console's, and
 * port 53 of the nameservers /etc/resolv.conf names at start, which DNS rules filter by name. */
struct wd_net_exempt {
	const struct wd_endpoint *ips;
	unsigned ip_count;
	const char *domain; /* the console's host name, or NULL */
	const struct wd_endpoint *nameservers;
	unsigned nameserver_count;
};

/* The `nameserver` lines of a resolv.conf text, up to `max` (others ignored), as port-53 endpoints. */
unsigned wd_nameservers_parse(const char *text, struct wd_endpoint *out, unsigned max);

/* `local` is the address being bound / listened on. Empty listeningPorts = any port. */
enum wd_verdict wd_net_decide_listen(const struct wd_network_rule *rule,
				     const struct wd_endpoint *local);
/* Loopback and exempt IPs (and port 53 of exempt nameservers) always pass; with both lists empty
 * anything passes; otherwise the port must be in outboundPorts or the address in outboundIps. */
enum wd_verdict wd_net_decide_outbound(const struct wd_network_rule *rule,
				       const struct wd_endpoint *remote,
				       const struct wd_net_exempt *exempt);
/* Outbound traffic is restricted: the section is enabled and either outbound list is non-empty. */
bool wd_net_outbound_restricted(const struct wd_network_rule *rule);
/* A raw IP or packet socket can send to any address with any port: while outbound traffic is
 * restricted, opening one is a violation. */
enum wd_verdict wd_net_decide_raw_socket(const struct wd_network_rule *rule);
/* `domain` is normalised. Denied entries first, then a non-empty allowed list must match;
 * "localhost" and the exempt domain always pass. */
enum wd_verdict wd_dns_decide(const struct wd_dns_rule *rule, const char *domain,
			      const struct wd_net_exempt *exempt);

#endif
