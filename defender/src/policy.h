/* policy: the hand-over of the current rule from the resolve thread to the supervisor, and the exec
 * decision made from the rule's processes section. */
#ifndef WD_POLICY_H
#define WD_POLICY_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rule.h"

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
