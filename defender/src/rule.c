/* rule: every type of the runtime rule and its parsing from the resolve reply's JSON. */
#include "rule.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const uint8_t wd_v4_mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

enum wd_verdict wd_effect_verdict(enum wd_effect effect)
{
	return effect == WD_EFFECT_PREVENT ? WD_VERDICT_PREVENT : WD_VERDICT_ALERT;
}

/* A section's "effect" ("alert" when absent); -EINVAL for anything but alert or prevent. */
static int wd_parse_effect(const struct wd_json *section, enum wd_effect *out)
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

/* Strict decimal in [0, max]: no sign, no spaces, no leading "0x" — what the console stores. */
static int wd_parse_uint(const char *s, size_t len, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;

	if (len == 0 || len > 10)
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

int wd_port_range_parse(const char *text, struct wd_port_range *out)
{
	const char *dash = strchr(text, '-');
	unsigned long first, last;
	size_t len = strlen(text);
	int ret;

	if (!dash) {
		ret = wd_parse_uint(text, len, 65535, &first);
		last = first;
	} else {
		ret = wd_parse_uint(text, (size_t)(dash - text), 65535, &first);
		if (ret == 0)
			ret = wd_parse_uint(dash + 1, len - (size_t)(dash - text) - 1, 65535, &last);
	}
	if (ret < 0 || first > last)
		return -EINVAL;
	out->first = (uint16_t)first;
	out->last = (uint16_t)last;
	return 0;
}

/* IPv4-mapped IPv6 (::ffff:a.b.c.d) is the same host as a.b.c.d: compare it as IPv4. */
void wd_ip_normalize(sa_family_t family, const uint8_t *raw, sa_family_t *fam_out,
		     uint8_t addr_out[16])
{
	memset(addr_out, 0, 16);
	if (family == AF_INET6 && memcmp(raw, wd_v4_mapped_prefix, 12) == 0) {
		*fam_out = AF_INET;
		memcpy(addr_out, raw + 12, 4);
	} else if (family == AF_INET6) {
		*fam_out = AF_INET6;
		memcpy(addr_out, raw, 16);
	} else {
		*fam_out = AF_INET;
		memcpy(addr_out, raw, 4);
	}
}

int wd_cidr_parse(const char *text, struct wd_cidr *out)
{
	char ip[WD_IP_TEXT_MAX];
	const char *slash = strchr(text, '/');
	size_t ip_len = slash ? (size_t)(slash - text) : strlen(text);
	uint8_t raw[16];
	unsigned long prefix;
	sa_family_t family;

	if (ip_len == 0 || ip_len >= sizeof(ip))
		return -EINVAL;
	memcpy(ip, text, ip_len);
	ip[ip_len] = '\0';
	if (inet_pton(AF_INET, ip, raw) == 1)
		family = AF_INET;
	else if (inet_pton(AF_INET6, ip, raw) == 1)
		family = AF_INET6;
	else
		return -EINVAL;
	if (!slash)
		prefix = family == AF_INET ? 32 : 128;
	else if (wd_parse_uint(slash + 1, strlen(slash + 1), family == AF_INET ? 32 : 128, &prefix) < 0)
		return -EINVAL;
	wd_ip_normalize(family, raw, &out->family, out->addr);
	if (family == AF_INET6 && out->family == AF_INET) {
		/* ::ffff:10.0.0.0/104 is 10.0.0.0/8 */
		if (slash && prefix < 96)
			return -EINVAL;
		prefix = slash ? prefix - 96 : 32;
	}
	out->prefix = (uint8_t)prefix;
	return 0;
}

static bool wd_domain_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_';
}

int wd_domain_normalize(const char *text, char out[WD_DOMAIN_MAX])
{
	size_t len = strlen(text), label = 0, start = 0;

	if (len > 0 && text[len - 1] == '.')
		len--;
	if (len == 0 || len > WD_DOMAIN_MAX - 1)
		return -EINVAL;
	if (len == 1 && text[0] == '*') {
		strcpy(out, "*");
		return 0;
	}
	if (len > 2 && text[0] == '*' && text[1] == '.') {
		out[0] = '*';
		out[1] = '.';
		start = 2;
	}
	for (size_t i = start; i < len; i++) {
		char c = text[i];

		if (c == '.') {
			if (label == 0)
				return -EINVAL;
			label = 0;
		} else if (wd_domain_char(c) && ++label <= 63) {
			c = (char)tolower((unsigned char)c);
		} else {
			return -EINVAL;
		}
		out[i] = c;
	}
	if (label == 0)
		return -EINVAL;
	out[len] = '\0';
	return 0;
}

/* The string members of an array (absent or null = empty); -EINVAL for anything else. */
static int wd_string_array(const struct wd_json *section, const char *key,
			   const struct wd_json **first, unsigned *count)
{
	const struct wd_json *list = wd_json_get(section, key);

	*first = NULL;
	*count = 0;
	if (!list || list->type == WD_JSON_NULL)
		return 0;
	if (list->type != WD_JSON_ARRAY)
		return -EINVAL;
	for (const struct wd_json *c = list->child; c; c = c->next) {
		if (c->type != WD_JSON_STRING)
			return -EINVAL;
		(*count)++;
	}
	*first = list->child;
	return 0;
}

static int wd_parse_port_item(const char *text, void *out)
{
	return wd_port_range_parse(text, out);
}

static int wd_parse_cidr_item(const char *text, void *out)
{
	return wd_cidr_parse(text, out);
}

static int wd_parse_domain_item(const char *text, void *out)
{
	char normal[WD_DOMAIN_MAX];
	int ret = wd_domain_normalize(text, normal);

	if (ret < 0)
		return ret;
	*(char **)out = strdup(normal);
	return *(char **)out ? 0 : -ENOMEM;
}

/* A process pattern is kept as written (match.c reads it); an empty one is malformed. */
static int wd_parse_pattern_item(const char *text, void *out)
{
	if (text[0] == '\0')
		return -EINVAL;
	*(char **)out = strdup(text);
	return *(char **)out ? 0 : -ENOMEM;
}

/* An array of strings parsed one by one into `*out` (elements of `size` bytes). */
static int wd_parse_list(const struct wd_json *section, const char *key, size_t size,
			 int (*parse)(const char *text, void *out), void *out, unsigned *count)
{
	const struct wd_json *item;
	unsigned n;
	char *items;
	int ret = wd_string_array(section, key, &item, &n);

	if (ret < 0 || n == 0)
		return ret;
	items = calloc(n, size);
	if (!items)
		return -ENOMEM;
	*(void **)out = items;
	for (; item; item = item->next) {
		ret = parse(item->string, items + (size_t)*count * size);
		if (ret < 0)
			return ret;
		(*count)++;
	}
	return 0;
}

/* The head every section shares: 0 when absent or null (disabled), 1 with `enabled` and `effect`
 * read, -EINVAL when not an object or the effect is unknown (the outputs then untouched). */
static int wd_section_begin(const struct wd_json *section, bool *enabled, enum wd_effect *effect)
{
	int ret;

	if (!section || section->type == WD_JSON_NULL)
		return 0;
	if (section->type != WD_JSON_OBJECT)
		return -EINVAL;
	ret = wd_parse_effect(section, effect);
	if (ret < 0)
		return ret;
	*enabled = wd_json_get_bool(section, "enabled", true);
	return 1;
}

int wd_network_rule_parse(const struct wd_json *section, struct wd_network_rule *out)
{
	int ret;

	memset(out, 0, sizeof(*out));
	ret = wd_section_begin(section, &out->enabled, &out->effect);
	if (ret <= 0)
		return ret;
	ret = wd_parse_list(section, "listeningPorts", sizeof(struct wd_port_range),
			    wd_parse_port_item, &out->listening_ports, &out->listening_count);
	if (ret == 0)
		ret = wd_parse_list(section, "outboundPorts", sizeof(struct wd_port_range),
				    wd_parse_port_item, &out->outbound_ports, &out->outbound_port_count);
	if (ret == 0)
		ret = wd_parse_list(section, "outboundIps", sizeof(struct wd_cidr), wd_parse_cidr_item,
				    &out->outbound_ips, &out->outbound_ip_count);
	if (ret < 0)
		wd_network_rule_free(out);
	return ret;
}

void wd_network_rule_free(struct wd_network_rule *rule)
{
	free(rule->listening_ports);
	free(rule->outbound_ports);
	free(rule->outbound_ips);
	memset(rule, 0, sizeof(*rule));
}

int wd_dns_rule_parse(const struct wd_json *section, struct wd_dns_rule *out)
{
	int ret;

	memset(out, 0, sizeof(*out));
	ret = wd_section_begin(section, &out->enabled, &out->effect);
	if (ret <= 0)
		return ret;
	ret = wd_parse_list(section, "allowed", sizeof(char *), wd_parse_domain_item,
			    &out->allowed, &out->allowed_count);
	if (ret == 0)
		ret = wd_parse_list(section, "denied", sizeof(char *), wd_parse_domain_item,
				    &out->denied, &out->denied_count);
	if (ret < 0)
		wd_dns_rule_free(out);
	return ret;
}

static void wd_free_strings(char **items, unsigned count)
{
	for (unsigned i = 0; i < count; i++)
		free(items[i]);
	free(items);
}

void wd_dns_rule_free(struct wd_dns_rule *rule)
{
	wd_free_strings(rule->allowed, rule->allowed_count);
	wd_free_strings(rule->denied, rule->denied_count);
	memset(rule, 0, sizeof(*rule));
}

static int wd_process_rule_parse(const struct wd_json *section, struct wd_process_rule *out)
{
	int ret = wd_section_begin(section, &out->enabled, &out->effect);

	if (ret <= 0)
		return ret;
	out->crypto_miners = wd_json_get_bool(section, "cryptoMiners", true);
	out->modified_binaries = wd_json_get_bool(section, "modifiedBinaries", true);
	ret = wd_parse_list(section, "allowed", sizeof(char *), wd_parse_pattern_item,
			    &out->allowed.items, &out->allowed.count);
	if (ret == 0)
		ret = wd_parse_list(section, "denied", sizeof(char *), wd_parse_pattern_item,
				    &out->denied.items, &out->denied.count);
	return ret;
}

static void wd_rule_free(struct wd_rule *r)
{
	if (!r)
		return;
	free(r->name);
	wd_free_strings(r->processes.allowed.items, r->processes.allowed.count);
	wd_free_strings(r->processes.denied.items, r->processes.denied.count);
	wd_network_rule_free(&r->network);
	wd_dns_rule_free(&r->dns);
	free(r);
}

static int wd_rule_parse(const struct wd_json *j, long long revision, struct wd_rule **out)
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
	ret = r->name ? wd_process_rule_parse(wd_json_get(j, "processes"), &r->processes) : -ENOMEM;
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
	ret = wd_rule_parse(wd_json_get(root, "rule"), p->revision, &p->rule);
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
	free(p);
}
