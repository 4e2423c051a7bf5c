/* policy: the runtime rule (parsed from resolve replies), its atomic hand-over and the exec decision. */
#ifndef WD_POLICY_H
#define WD_POLICY_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum wd_effect { WD_EFFECT_ALERT, WD_EFFECT_PREVENT };

enum wd_verdict { WD_VERDICT_ALLOW, WD_VERDICT_ALERT, WD_VERDICT_PREVENT };

enum wd_reason {
	WD_REASON_NONE,
	WD_REASON_DENIED,
	WD_REASON_NOT_ALLOWED,
	WD_REASON_CRYPTO_MINER,
	WD_REASON_MODIFIED_BINARY,
	WD_REASON_REVERSE_SHELL,
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

/* One rule as the console sends it; sections other than processes arrive with the network issue. */
struct wd_rule {
	char *name;
	long long revision;
	struct wd_process_rule processes;
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
	bool stdio_network_socket; /* stdin or stdout is a TCP/UDP socket */
	bool setuid; /* the file is set-user/group-ID: no_new_privs runs it without the privilege */
};

struct wd_decision {
	enum wd_verdict verdict;
	enum wd_reason reason;
	int image; /* index of the image at fault */
};

int wd_policy_parse(const char *text, size_t len, struct wd_policy **out);
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
