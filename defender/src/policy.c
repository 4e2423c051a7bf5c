/* policy: the runtime rule (parsed from resolve replies), its atomic hand-over and the exec decision. */
#include "policy.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "match.h"
#include "net.h"

static _Atomic(struct wd_policy *) wd_pending;
static struct wd_policy *wd_current; /* owned by the supervisor thread only */
static _Atomic long long wd_revision = -1;

static void wd_patterns_free(struct wd_patterns *p)
{
	for (unsigned i = 0; i < p->count; i++)
		free(p->items[i]);
	free(p->items);
}

static int wd_parse_patterns(const struct wd_json *section, const char *key, struct wd_patterns *out)
{
	const struct wd_json *list = wd_json_get(section, key);
	unsigned n = 0;

	if (!list || list->type == WD_JSON_NULL)
		return 0;
	if (list->type != WD_JSON_ARRAY)
		return -EINVAL;
	for (const struct wd_json *c = list->child; c; c = c->next)
		if (c->type != WD_JSON_STRING || c->string[0] == '\0')
			return -EINVAL;
		else
			n++;
	out->items = calloc(n ? n : 1, sizeof(char *));
	if (!out->items)
		return -ENOMEM;
	for (const struct wd_json *c = list->child; c; c = c->next) {
		out->items[out->count] = strdup(c->string);
		if (!out->items[out->count])
			return -ENOMEM;
		out->count++;
	}
	return 0;
}

int wd_parse_effect(const struct wd_json *section, enum wd_effect *out)
{
	const char *effect = wd_json_get_string(section, "effect", "alert");

	if (strcmp(effect, "alert") == 0)
		*out = WD_EFFECT_ALERT;
	else if (strcmp(effect, "prevent") == 0)
		*out = WD_EFFECT_PREVENT;
	else
		return -EINVAL;
	return 0;
}

static int wd_parse_processes(const struct wd_json *section, struct wd_process_rule *out)
{
	int ret;

	if (!section || section->type == WD_JSON_NULL)
		return 0;
	if (section->type != WD_JSON_OBJECT)
		return -EINVAL;
	out->enabled = wd_json_get_bool(section, "enabled", true);
	out->crypto_miners = wd_json_get_bool(section, "cryptoMiners", true);
	out->modified_binaries = wd_json_get_bool(section, "modifiedBinaries", true);
	ret = wd_parse_effect(section, &out->effect);
	if (ret < 0)
		return ret;
	ret = wd_parse_patterns(section, "allowed", &out->allowed);
	if (ret < 0)
		return ret;
	return wd_parse_patterns(section, "denied", &out->denied);
}

static void wd_rule_free(struct wd_rule *r)
{
	if (!r)
		return;
	free(r->name);
	wd_patterns_free(&r->processes.allowed);
	wd_patterns_free(&r->processes.denied);
	wd_network_rule_free(&r->network);
	wd_dns_rule_free(&r->dns);
	free(r);
}

static int wd_parse_rule(const struct wd_json *j, long long revision, struct wd_rule **out)
{
	struct wd_rule *r;
	const char *name;
	int ret;

	*out = NULL;
	if (!j || j->type == WD_JSON_NULL || wd_json_get_bool(j, "disabled", false))
		return 0;
	if (j->type != WD_JSON_OBJECT)
		return -EINVAL;
	name = wd_json_get_string(j, "name", NULL);
	if (!name)
		return -EINVAL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->name = strdup(name);
	r->revision = (long long)wd_json_get_number(j, "revision", (double)revision);
	ret = r->name ? wd_parse_processes(wd_json_get(j, "processes"), &r->processes) : -ENOMEM;
	if (ret == 0)
		ret = wd_network_rule_parse(wd_json_get(j, "network"), &r->network);
	if (ret == 0)
		ret = wd_dns_rule_parse(wd_json_get(j, "dns"), &r->dns);
	if (ret < 0) {
		wd_rule_free(r);
		return ret;
	}
	*out = r;
	return 0;
}

int wd_policy_parse(const char *text, size_t len, struct wd_policy **out)
{
	struct wd_json *root = NULL;
	struct wd_policy *p;
	const struct wd_json *rev;
	int ret;

	ret = wd_json_parse(text, len, &root);
	if (ret < 0)
		return ret;
	rev = wd_json_get(root, "revision");
	if (!rev || rev->type != WD_JSON_NUMBER || !wd_json_get(root, "rule")) {
		ret = -EINVAL;
		goto out_json;
	}
	p = calloc(1, sizeof(*p));
	if (!p) {
		ret = -ENOMEM;
		goto out_json;
	}
	p->revision = (long long)rev->number;
	p->raw = strndup(text, len);
	ret = p->raw ? wd_parse_rule(wd_json_get(root, "rule"), p->revision, &p->rule) : -ENOMEM;
	if (ret < 0) {
		wd_policy_free(p);
		goto out_json;
	}
	*out = p;
out_json:
	wd_json_free(root);
	return ret;
}

void wd_policy_free(struct wd_policy *p)
{
	if (!p)
		return;
	wd_rule_free(p->rule);
	free(p->raw);
	free(p);
}

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
	out->verdict = rule->processes.effect == WD_EFFECT_PREVENT ? WD_VERDICT_PREVENT
								    : WD_VERDICT_ALERT;
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
