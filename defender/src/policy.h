/* policy: the runtime rule (parsed from resolve replies), its atomic hand-over and the exec decision. */
#ifndef WD_POLICY_H
#define WD_POLICY_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

enum wd_effect { WD_EFFECT_ALERT, WD_EFFECT_PREVENT };

enum wd_verdict { WD_VERDICT_ALLOW, WD_VERDICT_ALERT, WD_VERDICT_PREVENT };

enum wd_reason {
	WD_REASON_NONE,
	WD_REASON_DENIED,
	WD_REASON_NOT_ALLOWED,
	WD_REASON_CRYPTO_MINER,
	WD_REASON_MODIFIED_BINARY,
	WD_REASON_REVERSE_SHELL,
	WD_REASON_LISTEN_PORT,
	WD_REASON_OUTBOUND,
	WD_REASON_DNS,
};

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

/* One rule as the console sends it (network and dns parsed by net.c). */
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
	char *raw; /* the reply body, kept verbatim in the data folder */
};

#define WD_MAX_IMAGES 5 /* the file executed plus up to four #! interpreters, as the kernel allows */

/* What the kernel is about to run: images[0] is the file executed, then its interpreters. */
struct wd_exec_image {
	char path[PATH_MAX];
	bool modified; /* created or changed after the defender started */
	bool setuid;
	uint64_t dev, ino; /* identity, for checking what really ran */
};

struct wd_exec_facts {
	struct wd_exec_image images[WD_MAX_IMAGES];
	int image_count;
	char **argv;
	int argc;
	const char *command; /* argv joined by spaces */
	bool mining_argument; /* some argument, kept in argv or not, names a mining pool */
	bool stdio_network_socket; /* stdin or stdout is a TCP/UDP socket */
	bool setuid; /* the file is set-user/group-ID: no_new_privs runs it without the privilege */
};

struct wd_decision {
	enum wd_verdict verdict;
	enum wd_reason reason;
	int image; /* index of the image at fault */
};

struct wd_json;

int wd_policy_parse(const char *text, size_t len, struct wd_policy **out);
/* A section's "effect" ("alert" when absent); -EINVAL for anything but alert or prevent. */
int wd_parse_effect(const struct wd_json *section, enum wd_effect *out);
void wd_policy_free(struct wd_policy *p);

void wd_policy_decide_exec(const struct wd_rule *rule, const struct wd_exec_facts *facts,
			   struct wd_decision *out);

const char *wd_reason_name(enum wd_reason reason);
const char *wd_verdict_effect_name(enum wd_verdict verdict);

/* Hand-over between the resolve thread (publish) and the supervisor (current, single reader). */
void wd_policy_publish(struct wd_policy *p);
const struct wd_policy *wd_policy_current(void);
long long wd_policy_revision(void);
bool wd_policy_known(void);

#endif
