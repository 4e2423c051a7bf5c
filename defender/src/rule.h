/* rule: every type of the runtime rule (processes, network, dns) and its parsing from the resolve
 * reply's JSON. The decisions made from a rule live in policy.c (processes) and net.c (network,
 * dns). */
#ifndef WD_RULE_H
#define WD_RULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "json.h"

enum wd_effect { WD_EFFECT_ALERT, WD_EFFECT_PREVENT };

enum wd_verdict { WD_VERDICT_ALLOW, WD_VERDICT_ALERT, WD_VERDICT_PREVENT };

/* The verdict of a section whose effect is `effect` when something violates it. */
enum wd_verdict wd_effect_verdict(enum wd_effect effect);

struct wd_patterns {
	char **items;
	unsigned count;
};

struct wd_process_rule {
	bool enabled;
	struct wd_patterns allowed;
	struct wd_patterns denied;
	enum wd_effect effect;
	bool crypto_miners;
	bool modified_binaries;
};

#define WD_DOMAIN_MAX 254 /* 253 characters of text plus the NUL */
#define WD_IP_TEXT_MAX 46 /* INET6_ADDRSTRLEN */

struct wd_port_range {
	uint16_t first;
	uint16_t last;
};

/* An address or a CIDR; IPv4 (and IPv4-mapped IPv6) is kept as AF_INET in addr[0..3]. */
struct wd_cidr {
	sa_family_t family;
	uint8_t addr[16];
	uint8_t prefix;
};

struct wd_network_rule {
	bool enabled;
	struct wd_port_range *listening_ports;
	unsigned listening_count;
	struct wd_port_range *outbound_ports;
	unsigned outbound_port_count;
	struct wd_cidr *outbound_ips;
	unsigned outbound_ip_count;
	enum wd_effect effect;
};

struct wd_dns_rule {
	bool enabled;
	char **allowed; /* lower case, no trailing dot */
	unsigned allowed_count;
	char **denied;
	unsigned denied_count;
	enum wd_effect effect;
};

/* One rule as the console sends it. */
struct wd_rule {
	char *name;
	long long revision;
	struct wd_process_rule processes;
	struct wd_network_rule network;
	struct wd_dns_rule dns;
};

/* A resolve reply: the revision of the app's rule set and its rule (NULL = allow all, report nothing). */
struct wd_policy {
	long long revision;
	struct wd_rule *rule;
};

/* A resolve reply's body; -EINVAL when it or any section of its rule is malformed. */
int wd_policy_parse(const char *text, size_t len, struct wd_policy **out);
void wd_policy_free(struct wd_policy *p);

/* Parse the rule's "network" / "dns" objects (absent or null = disabled); -EINVAL on a bad
 * entry. */
int wd_network_rule_parse(const struct wd_json *section, struct wd_network_rule *out);
void wd_network_rule_free(struct wd_network_rule *rule);
int wd_dns_rule_parse(const struct wd_json *section, struct wd_dns_rule *out);
void wd_dns_rule_free(struct wd_dns_rule *rule);

/* "5000" or "8000-8080" (first <= last, 0-65535); -EINVAL otherwise. */
int wd_port_range_parse(const char *text, struct wd_port_range *out);
/* "10.0.0.1", "10.0.0.0/8", "2001:db8::/32", "::ffff:10.0.0.1"; -EINVAL otherwise. */
int wd_cidr_parse(const char *text, struct wd_cidr *out);
/* A raw AF_INET (4 bytes) or AF_INET6 (16 bytes) address as a wd_cidr keeps it: IPv4-mapped IPv6
 * becomes AF_INET. */
void wd_ip_normalize(sa_family_t family, const uint8_t *raw, sa_family_t *fam_out,
		     uint8_t addr_out[16]);
/* Lower-cases and drops one trailing dot; -EINVAL for empty labels, labels over 63 or text over
 * 253 characters, and characters other than letters, digits, '-', '_' (and a leading "*."). */
int wd_domain_normalize(const char *text, char out[WD_DOMAIN_MAX]);

#endif
