/* net: the rule's Networking sections — ports, addresses/CIDRs, domains — and the listen, outbound
 * and DNS decisions made from them. */
#include "net.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint8_t wd_v4_mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

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

bool wd_ports_contain(const struct wd_port_range *ranges, unsigned count, uint16_t port)
{
	for (unsigned i = 0; i < count; i++)
		if (port >= ranges[i].first && port <= ranges[i].last)
			return true;
	return false;
}

/* IPv4-mapped IPv6 (::ffff:a.b.c.d) is the same host as a.b.c.d: compare it as IPv4. */
static void wd_store_ip(sa_family_t family, const uint8_t *raw, sa_family_t *fam_out,
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
	wd_store_ip(family, raw, &out->family, out->addr);
	if (family == AF_INET6 && out->family == AF_INET) {
		/* ::ffff:10.0.0.0/104 is 10.0.0.0/8 */
		if (slash && prefix < 96)
			return -EINVAL;
		prefix = slash ? prefix - 96 : 32;
	}
	out->prefix = (uint8_t)prefix;
	return 0;
}

bool wd_cidr_contains(const struct wd_cidr *cidr, const struct wd_endpoint *ep)
{
	unsigned full = cidr->prefix / 8, rest = cidr->prefix % 8;

	if (cidr->family != ep->family)
		return false;
	if (memcmp(cidr->addr, ep->addr, full) != 0)
		return false;
	if (rest == 0)
		return true;
	uint8_t mask = (uint8_t)(0xff << (8 - rest));
	return (cidr->addr[full] & mask) == (ep->addr[full] & mask);
}

int wd_endpoint_from_sockaddr(const void *sa, size_t len, struct wd_endpoint *out)
{
	sa_family_t family;

	if (len < sizeof(family))
		return -EINVAL;
	memcpy(&family, sa, sizeof(family));
	if (family == AF_INET) {
		struct sockaddr_in in;

		if (len < sizeof(in))
			return -EINVAL;
		memcpy(&in, sa, sizeof(in));
		wd_store_ip(AF_INET, (const uint8_t *)&in.sin_addr, &out->family, out->addr);
		out->port = ntohs(in.sin_port);
		return 0;
	}
	if (family == AF_INET6) {
		struct sockaddr_in6 in6;

		if (len < sizeof(in6))
			return -EINVAL;
		memcpy(&in6, sa, sizeof(in6));
		wd_store_ip(AF_INET6, in6.sin6_addr.s6_addr, &out->family, out->addr);
		out->port = ntohs(in6.sin6_port);
		return 0;
	}
	return -EAFNOSUPPORT;
}

void wd_endpoint_ip_text(const struct wd_endpoint *ep, char out[WD_IP_TEXT_MAX])
{
	if (!inet_ntop(ep->family, ep->addr, out, WD_IP_TEXT_MAX))
		strcpy(out, "?");
}

bool wd_endpoint_is_loopback(const struct wd_endpoint *ep)
{
	static const uint8_t v6_loopback[16] = {[15] = 1};

	if (ep->family == AF_INET)
		return ep->addr[0] == 127;
	return memcmp(ep->addr, v6_loopback, 16) == 0;
}

bool wd_endpoint_same_ip(const struct wd_endpoint *a, const struct wd_endpoint *b)
{
	return a->family == b->family && memcmp(a->addr, b->addr, 16) == 0;
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

bool wd_domain_match(const char *pattern, const char *domain)
{
	size_t plen, dlen;

	if (strcmp(pattern, "*") == 0)
		return true;
	if (pattern[0] != '*')
		return strcmp(pattern, domain) == 0;
	/* "*.example.com": the domain must end in ".example.com" with at least one label before */
	plen = strlen(pattern + 1);
	dlen = strlen(domain);
	return dlen > plen && strcmp(domain + dlen - plen, pattern + 1) == 0;
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

static int wd_section_check(const struct wd_json *section)
{
	if (!section || section->type == WD_JSON_NULL)
		return 0;
	return section->type == WD_JSON_OBJECT ? 1 : -EINVAL;
}

int wd_network_rule_parse(const struct wd_json *section, struct wd_network_rule *out)
{
	int ret = wd_section_check(section);

	memset(out, 0, sizeof(*out));
	if (ret <= 0)
		return ret;
	out->enabled = wd_json_get_bool(section, "enabled", true);
	ret = wd_parse_effect(section, &out->effect);
	if (ret == 0)
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
	int ret = wd_section_check(section);

	memset(out, 0, sizeof(*out));
	if (ret <= 0)
		return ret;
	out->enabled = wd_json_get_bool(section, "enabled", true);
	ret = wd_parse_effect(section, &out->effect);
	if (ret == 0)
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

static enum wd_verdict wd_violation(enum wd_effect effect)
{
	return effect == WD_EFFECT_PREVENT ? WD_VERDICT_PREVENT : WD_VERDICT_ALERT;
}

enum wd_verdict wd_net_decide_listen(const struct wd_network_rule *rule,
				     const struct wd_endpoint *local)
{
	if (!rule || !rule->enabled || rule->listening_count == 0)
		return WD_VERDICT_ALLOW;
	if (wd_ports_contain(rule->listening_ports, rule->listening_count, local->port))
		return WD_VERDICT_ALLOW;
	return wd_violation(rule->effect);
}

unsigned wd_nameservers_parse(const char *text, struct wd_endpoint *out, unsigned max)
{
	unsigned n = 0;

	while (text && *text && n < max) {
		const char *end = strchr(text, '\n');
		size_t len = end ? (size_t)(end - text) : strlen(text);
		char line[128], ip[WD_IP_TEXT_MAX];
		struct wd_cidr one;

		if (len < sizeof(line)) {
			memcpy(line, text, len);
			line[len] = '\0';
			/* "nameserver fe80::1%eth0": the zone is not part of the address */
			if (sscanf(line, " nameserver %45[0-9A-Fa-f.:]", ip) == 1 && wd_cidr_parse(ip, &one) == 0) {
				out[n] = (struct wd_endpoint){.family = one.family, .port = 53};
				memcpy(out[n].addr, one.addr, sizeof(out[n].addr));
				n++;
			}
		}
		text = end ? end + 1 : NULL;
	}
	return n;
}

static bool wd_exempt_ip(const struct wd_net_exempt *exempt, const struct wd_endpoint *ep)
{
	for (unsigned i = 0; exempt && i < exempt->ip_count; i++)
		if (wd_endpoint_same_ip(&exempt->ips[i], ep))
			return true;
	for (unsigned i = 0; exempt && ep->port == 53 && i < exempt->nameserver_count; i++)
		if (wd_endpoint_same_ip(&exempt->nameservers[i], ep))
			return true;
	return false;
}

bool wd_net_outbound_restricted(const struct wd_network_rule *rule)
{
	return rule && rule->enabled && (rule->outbound_port_count || rule->outbound_ip_count);
}

enum wd_verdict wd_net_decide_outbound(const struct wd_network_rule *rule,
				       const struct wd_endpoint *remote,
				       const struct wd_net_exempt *exempt)
{
	if (!wd_net_outbound_restricted(rule))
		return WD_VERDICT_ALLOW;
	if (wd_endpoint_is_loopback(remote) || wd_exempt_ip(exempt, remote))
		return WD_VERDICT_ALLOW;
	if (wd_ports_contain(rule->outbound_ports, rule->outbound_port_count, remote->port))
		return WD_VERDICT_ALLOW;
	for (unsigned i = 0; i < rule->outbound_ip_count; i++)
		if (wd_cidr_contains(&rule->outbound_ips[i], remote))
			return WD_VERDICT_ALLOW;
	return wd_violation(rule->effect);
}

enum wd_verdict wd_net_decide_raw_socket(const struct wd_network_rule *rule)
{
	return wd_net_outbound_restricted(rule) ? wd_violation(rule->effect) : WD_VERDICT_ALLOW;
}

static bool wd_domain_in(char *const *patterns, unsigned count, const char *domain)
{
	for (unsigned i = 0; i < count; i++)
		if (wd_domain_match(patterns[i], domain))
			return true;
	return false;
}

enum wd_verdict wd_dns_decide(const struct wd_dns_rule *rule, const char *domain,
			      const struct wd_net_exempt *exempt)
{
	if (!rule || !rule->enabled)
		return WD_VERDICT_ALLOW;
	if (strcmp(domain, "localhost") == 0 ||
	    (exempt && exempt->domain && strcmp(exempt->domain, domain) == 0))
		return WD_VERDICT_ALLOW;
	if (wd_domain_in(rule->denied, rule->denied_count, domain))
		return wd_violation(rule->effect);
	if (rule->allowed_count > 0 && !wd_domain_in(rule->allowed, rule->allowed_count, domain))
		return wd_violation(rule->effect);
	return WD_VERDICT_ALLOW;
}
