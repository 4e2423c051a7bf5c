/* net: endpoints, and the listen, outbound and DNS decisions made from the rule's network and dns
 * sections (their types and parsing are rule.c's). */
#include "net.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool wd_ports_contain(const struct wd_port_range *ranges, unsigned count, uint16_t port)
{
	for (unsigned i = 0; i < count; i++)
		if (port >= ranges[i].first && port <= ranges[i].last)
			return true;
	return false;
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
		wd_ip_normalize(AF_INET, (const uint8_t *)&in.sin_addr, &out->family, out->addr);
		out->port = ntohs(in.sin_port);
		return 0;
	}
	if (family == AF_INET6) {
		struct sockaddr_in6 in6;

		if (len < sizeof(in6))
			return -EINVAL;
		memcpy(&in6, sa, sizeof(in6));
		wd_ip_normalize(AF_INET6, in6.sin6_addr.s6_addr, &out->family, out->addr);
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

enum wd_verdict wd_net_decide_listen(const struct wd_network_rule *rule,
				     const struct wd_endpoint *local)
{
	if (!rule || !rule->enabled || rule->listening_count == 0)
		return WD_VERDICT_ALLOW;
	if (wd_ports_contain(rule->listening_ports, rule->listening_count, local->port))
		return WD_VERDICT_ALLOW;
	return wd_effect_verdict(rule->effect);
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
	return wd_effect_verdict(rule->effect);
}

enum wd_verdict wd_net_decide_raw_socket(const struct wd_network_rule *rule)
{
	return wd_net_outbound_restricted(rule) ? wd_effect_verdict(rule->effect) : WD_VERDICT_ALLOW;
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
		return wd_effect_verdict(rule->effect);
	if (rule->allowed_count > 0 && !wd_domain_in(rule->allowed, rule->allowed_count, domain))
		return wd_effect_verdict(rule->effect);
	return WD_VERDICT_ALLOW;
}
