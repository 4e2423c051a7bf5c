/* policy: the hand-over of the current rule from the resolve thread to the supervisor, and the exec
 * decision made from the rule's processes section. */
#include "policy.h"

#include <stdatomic.h>
#include <stdlib.h>

#include "match.h"

static _Atomic(struct wd_policy *) wd_pending;
static struct wd_policy *wd_current; /* owned by the supervisor thread only */
static _Atomic long long wd_revision = -1;

static bool wd_any_match(const struct wd_patterns *list, const char *path)
{
	for (unsigned i = 0; i < list->count; i++)
		if (wd_match_process(list->items[i], path))
			return true;
	return false;
}

static bool wd_find_image(const struct wd_exec_facts *f, bool (*test)(const struct wd_exec_image *,
								   const void *),
			  const void *arg, int *image)
{
	for (int i = 0; i < f->image_count; i++) {
		if (test(&f->images[i], arg)) {
			*image = i;
			return true;
		}
	}
	return false;
}

static bool wd_image_is_shell(const struct wd_exec_image *img, const void *arg)
{
	(void)arg;
	return wd_is_shell_or_interpreter(img->path);
}

static bool wd_image_is_miner(const struct wd_exec_image *img, const void *arg)
{
	(void)arg;
	return wd_is_crypto_miner_name(img->path);
}

static bool wd_image_is_modified(const struct wd_exec_image *img, const void *arg)
{
	(void)arg;
	return img->modified;
}

static bool wd_image_in(const struct wd_exec_image *img, const void *list)
{
	return wd_any_match(list, img->path);
}

static bool wd_image_not_in(const struct wd_exec_image *img, const void *list)
{
	return !wd_any_match(list, img->path);
}

/* Order matters only for which reason is reported: the most specific finding first. */
static enum wd_reason wd_find_violation(const struct wd_process_rule *pr,
					const struct wd_exec_facts *f, int *image)
{
	*image = 0;
	if (f->stdio_network_socket && wd_find_image(f, wd_image_is_shell, NULL, image))
		return WD_REASON_REVERSE_SHELL;
	if (pr->crypto_miners) {
		if (wd_find_image(f, wd_image_is_miner, NULL, image))
			return WD_REASON_CRYPTO_MINER;
		if (f->mining_argument)
			return WD_REASON_CRYPTO_MINER;
	}
	if (pr->modified_binaries && wd_find_image(f, wd_image_is_modified, NULL, image))
		return WD_REASON_MODIFIED_BINARY;
	if (wd_find_image(f, wd_image_in, &pr->denied, image))
		return WD_REASON_DENIED;
	if (pr->allowed.count > 0 && wd_find_image(f, wd_image_not_in, &pr->allowed, image))
		return WD_REASON_NOT_ALLOWED;
	return WD_REASON_NONE;
}

void wd_policy_decide_exec(const struct wd_rule *rule, const struct wd_exec_facts *facts,
			   struct wd_decision *out)
{
	out->verdict = WD_VERDICT_ALLOW;
	out->reason = WD_REASON_NONE;
	out->image = 0;
	if (!rule || !rule->processes.enabled)
		return;
	out->reason = wd_find_violation(&rule->processes, facts, &out->image);
	if (out->reason == WD_REASON_NONE)
		return;
	out->verdict = wd_effect_verdict(rule->processes.effect);
}

const char *wd_reason_name(enum wd_reason reason)
{
	switch (reason) {
	case WD_REASON_DENIED: return "denied";
	case WD_REASON_NOT_ALLOWED: return "not-allowed";
	case WD_REASON_CRYPTO_MINER: return "crypto-miner";
	case WD_REASON_MODIFIED_BINARY: return "modified-binary";
	case WD_REASON_REVERSE_SHELL: return "reverse-shell";
	case WD_REASON_LISTEN_PORT: return "listen-port";
	case WD_REASON_OUTBOUND: return "outbound";
	case WD_REASON_DNS: return "dns";
	case WD_REASON_NONE: break;
	}
	return "none";
}

const char *wd_verdict_effect_name(enum wd_verdict verdict)
{
	return verdict == WD_VERDICT_PREVENT ? "prevent" : "alert";
}

void wd_policy_publish(struct wd_policy *p)
{
	struct wd_policy *unclaimed;

	atomic_store(&wd_revision, p->revision);
	unclaimed = atomic_exchange(&wd_pending, p);
	/* a policy nobody picked up yet was never seen by the supervisor: safe to free here */
	wd_policy_free(unclaimed);
}

const struct wd_policy *wd_policy_current(void)
{
	struct wd_policy *next = atomic_exchange(&wd_pending, NULL);

	if (next) {
		wd_policy_free(wd_current);
		wd_current = next;
	}
	return wd_current;
}

long long wd_policy_revision(void)
{
	return atomic_load(&wd_revision);
}

bool wd_policy_known(void)
{
	return atomic_load(&wd_revision) >= 0;
}
