/* test_net: unit tests for the Networking decisions (net.c) and the DNS wire format (dns.c). */
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <errno.h>
#include <netinet/in.h>
#include <resolv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/dns.h"
#include "../../src/json.h"
#include "../../src/net.h"

static int passed, failed;

static void check(int cond, const char *name)
{
	if (cond) {
		passed++;
		printf("ok %d - %s\n", passed + failed, name);
	} else {
		failed++;
		printf("not ok %d - %s\n", passed + failed, name);
	}
}

static struct wd_endpoint ep(const char *ip, uint16_t port)
{
	struct sockaddr_in6 in6 = {.sin6_family = AF_INET6, .sin6_port = htons(port)};
	struct sockaddr_in in = {.sin_family = AF_INET, .sin_port = htons(port)};
	struct wd_endpoint e;
	int ret;

	memset(&e, 0, sizeof(e));
	if (inet_pton(AF_INET, ip, &in.sin_addr) == 1)
		ret = wd_endpoint_from_sockaddr(&in, sizeof(in), &e);
	else if (inet_pton(AF_INET6, ip, &in6.sin6_addr) == 1)
		ret = wd_endpoint_from_sockaddr(&in6, sizeof(in6), &e);
	else
		ret = -EINVAL;
	if (ret < 0) {
		fprintf(stderr, "bad test address %s\n", ip);
		exit(2);
	}
	return e;
}

static void test_ports(void)
{
	struct wd_port_range r[2];

	check(wd_port_range_parse("5000", &r[0]) == 0 && r[0].first == 5000 && r[0].last == 5000,
	      "port: single port");
	check(wd_port_range_parse("8000-8080", &r[1]) == 0 && r[1].first == 8000 && r[1].last == 8080,
	      "port: range");
	check(wd_port_range_parse("0", &r[0]) == 0 && wd_port_range_parse("65535", &r[0]) == 0,
	      "port: bounds 0 and 65535");
	check(wd_port_range_parse("65536", &r[0]) == -EINVAL, "port: 65536 rejected");
	check(wd_port_range_parse("8080-8000", &r[0]) == -EINVAL, "port: reversed range rejected");
	check(wd_port_range_parse("", &r[0]) == -EINVAL && wd_port_range_parse("-", &r[0]) == -EINVAL &&
		      wd_port_range_parse("80-", &r[0]) == -EINVAL &&
		      wd_port_range_parse(" 80", &r[0]) == -EINVAL &&
		      wd_port_range_parse("+80", &r[0]) == -EINVAL &&
		      wd_port_range_parse("0x50", &r[0]) == -EINVAL &&
		      wd_port_range_parse("1-2-3", &r[0]) == -EINVAL &&
		      wd_port_range_parse("99999999999", &r[0]) == -EINVAL,
	      "port: malformed text rejected");
	wd_port_range_parse("5000", &r[0]);
	check(wd_ports_contain(r, 2, 5000) && wd_ports_contain(r, 2, 8000) &&
		      wd_ports_contain(r, 2, 8080) && wd_ports_contain(r, 2, 8042),
	      "port: contained ports match");
	check(!wd_ports_contain(r, 2, 4999) && !wd_ports_contain(r, 2, 7999) &&
		      !wd_ports_contain(r, 2, 8081) && !wd_ports_contain(r, 0, 5000),
	      "port: other ports do not match");
}

static void test_cidrs(void)
{
	struct wd_cidr c;
	struct wd_endpoint e;

	check(wd_cidr_parse("10.0.0.0/8", &c) == 0 && c.family == AF_INET && c.prefix == 8,
	      "cidr: v4 parsed");
	e = ep("10.200.3.4", 443);
	check(wd_cidr_contains(&c, &e), "cidr: 10.200.3.4 in 10.0.0.0/8");
	e = ep("11.0.0.1", 443);
	check(!wd_cidr_contains(&c, &e), "cidr: 11.0.0.1 not in 10.0.0.0/8");
	wd_cidr_parse("192.168.1.128/25", &c);
	e = ep("192.168.1.200", 1);
	check(wd_cidr_contains(&c, &e), "cidr: odd prefix /25 contains .200");
	e = ep("192.168.1.127", 1);
	check(!wd_cidr_contains(&c, &e), "cidr: odd prefix /25 excludes .127");
	check(wd_cidr_parse("203.0.113.9", &c) == 0 && c.prefix == 32, "cidr: bare v4 is /32");
	e = ep("203.0.113.9", 1);
	check(wd_cidr_contains(&c, &e), "cidr: /32 contains itself");
	e = ep("203.0.113.10", 1);
	check(!wd_cidr_contains(&c, &e), "cidr: /32 excludes neighbour");
	check(wd_cidr_parse("0.0.0.0/0", &c) == 0, "cidr: /0 parsed");
	e = ep("8.8.8.8", 53);
	check(wd_cidr_contains(&c, &e), "cidr: /0 contains every v4");
	e = ep("2001:db8::1", 53);
	check(!wd_cidr_contains(&c, &e), "cidr: v4 /0 does not contain v6");
	check(wd_cidr_parse("2001:db8::/32", &c) == 0 && c.family == AF_INET6 && c.prefix == 32,
	      "cidr: v6 parsed");
	e = ep("2001:db8:ffff::7", 80);
	check(wd_cidr_contains(&c, &e), "cidr: v6 address inside");
	e = ep("2001:db9::7", 80);
	check(!wd_cidr_contains(&c, &e), "cidr: v6 address outside");
	wd_cidr_parse("10.0.0.0/8", &c);
	e = ep("::ffff:10.1.2.3", 80);
	check(e.family == AF_INET && wd_cidr_contains(&c, &e), "cidr: v4-mapped v6 peer is v4");
	check(wd_cidr_parse("::ffff:10.0.0.0/104", &c) == 0 && c.family == AF_INET && c.prefix == 8,
	      "cidr: v4-mapped v6 CIDR becomes v4");
	check(wd_cidr_parse("10.0.0.0/33", &c) == -EINVAL && wd_cidr_parse("::/129", &c) == -EINVAL &&
		      wd_cidr_parse("10.0.0/8", &c) == -EINVAL &&
		      wd_cidr_parse("10.0.0.0/", &c) == -EINVAL &&
		      wd_cidr_parse("/8", &c) == -EINVAL &&
		      wd_cidr_parse("example.com", &c) == -EINVAL &&
		      wd_cidr_parse("10.0.0.0/8/8", &c) == -EINVAL,
	      "cidr: malformed text rejected");
}

static void test_endpoints(void)
{
	struct sockaddr_in in = {.sin_family = AF_INET};
	struct sockaddr_un_like {
		sa_family_t family;
		char path[20];
	} un = {.family = AF_UNIX};
	struct wd_endpoint e;
	char text[WD_IP_TEXT_MAX];

	check(wd_endpoint_from_sockaddr(&in, sizeof(in) - 1, &e) == -EINVAL,
	      "endpoint: short sockaddr_in rejected");
	check(wd_endpoint_from_sockaddr(&un, sizeof(un), &e) == -EAFNOSUPPORT,
	      "endpoint: AF_UNIX is not an endpoint");
	e = ep("127.0.0.1", 80);
	check(wd_endpoint_is_loopback(&e), "endpoint: 127.0.0.1 loopback");
	e = ep("127.9.9.9", 80);
	check(wd_endpoint_is_loopback(&e), "endpoint: all of 127/8 is loopback");
	e = ep("::1", 80);
	check(wd_endpoint_is_loopback(&e), "endpoint: ::1 loopback");
	e = ep("::ffff:127.0.0.1", 80);
	check(wd_endpoint_is_loopback(&e), "endpoint: v4-mapped loopback");
	e = ep("10.0.0.1", 80);
	check(!wd_endpoint_is_loopback(&e), "endpoint: 10.0.0.1 not loopback");
	e = ep("::2", 80);
	check(!wd_endpoint_is_loopback(&e), "endpoint: ::2 not loopback");
	e = ep("2001:db8::9", 4444);
	wd_endpoint_ip_text(&e, text);
	check(strcmp(text, "2001:db8::9") == 0 && e.port == 4444, "endpoint: v6 text and port");
	e = ep("::ffff:203.0.113.9", 4444);
	wd_endpoint_ip_text(&e, text);
	check(strcmp(text, "203.0.113.9") == 0, "endpoint: v4-mapped shown as v4");
}

static void test_domains(void)
{
	char n[WD_DOMAIN_MAX];
	char long_label[80];
	char long_name[300];

	check(wd_domain_normalize("Evil.EXAMPLE.", n) == 0 && strcmp(n, "evil.example") == 0,
	      "domain: lower-cased, trailing dot dropped");
	check(wd_domain_normalize("*.Example.com", n) == 0 && strcmp(n, "*.example.com") == 0,
	      "domain: wildcard pattern kept");
	check(wd_domain_normalize("_dmarc.example.com", n) == 0, "domain: underscore label allowed");
	check(wd_domain_normalize("", n) == -EINVAL && wd_domain_normalize(".", n) == -EINVAL &&
		      wd_domain_normalize("a..b", n) == -EINVAL &&
		      wd_domain_normalize(".a", n) == -EINVAL &&
		      wd_domain_normalize("a b", n) == -EINVAL &&
		      wd_domain_normalize("a.*.b", n) == -EINVAL &&
		      wd_domain_normalize("*x.b", n) == -EINVAL,
	      "domain: malformed names rejected");
	memset(long_label, 'a', 64);
	long_label[64] = '\0';
	check(wd_domain_normalize(long_label, n) == -EINVAL, "domain: 64-char label rejected");
	long_label[63] = '\0';
	check(wd_domain_normalize(long_label, n) == 0, "domain: 63-char label accepted");
	for (int i = 0; i < 5; i++)
		memcpy(long_name + i * 51, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.", 51);
	long_name[254] = '\0';
	check(wd_domain_normalize(long_name, n) == -EINVAL, "domain: 254 characters rejected");
	long_name[253] = '\0';
	long_name[252] = 'a';
	check(wd_domain_normalize(long_name, n) == 0, "domain: 253 characters accepted");

	check(wd_domain_match("evil.example", "evil.example"), "match: exact");
	check(!wd_domain_match("evil.example", "www.evil.example"), "match: exact is not a suffix");
	check(wd_domain_match("*.evil.example", "a.evil.example") &&
		      wd_domain_match("*.evil.example", "a.b.evil.example"),
	      "match: wildcard covers every depth");
	check(!wd_domain_match("*.evil.example", "evil.example"), "match: wildcard excludes apex");
	check(!wd_domain_match("*.evil.example", "notevil.example") &&
		      !wd_domain_match("*.evil.example", "xevil.example"),
	      "match: wildcard respects label boundary");
	check(wd_domain_match("*", "anything.at.all"), "match: lone star");
}

static struct wd_json *parse_json(const char *text)
{
	struct wd_json *j = NULL;

	if (wd_json_parse(text, strlen(text), &j) < 0) {
		fprintf(stderr, "bad test json %s\n", text);
		exit(2);
	}
	return j;
}

static void test_network_rule(void)
{
	struct wd_network_rule r;
	struct wd_json *j;
	struct wd_endpoint e;
	struct wd_endpoint console = ep("198.51.100.7", 8080);
	struct wd_net_exempt exempt = {.ips = &console, .ip_count = 1};

	/* the seed's rule */
	j = parse_json("{\"enabled\":true,\"listeningPorts\":[\"5000\"],\"outboundPorts\":[],"
		       "\"outboundIps\":[],\"effect\":\"alert\"}");
	check(wd_network_rule_parse(j, &r) == 0 && r.enabled && r.listening_count == 1 &&
		      r.effect == WD_EFFECT_ALERT,
	      "rule: seed network section parsed");
	e = ep("0.0.0.0", 5000);
	check(wd_net_decide_listen(&r, &e) == WD_VERDICT_ALLOW, "listen: seed allows 5000");
	e = ep("::", 4444);
	check(wd_net_decide_listen(&r, &e) == WD_VERDICT_ALERT, "listen: seed alerts on 4444");
	e = ep("203.0.113.9", 4444);
	check(wd_net_decide_outbound(&r, &e, &exempt) == WD_VERDICT_ALLOW,
	      "outbound: empty lists allow anything");
	check(wd_net_decide_raw_socket(&r) == WD_VERDICT_ALLOW,
	      "raw socket: allowed while outbound traffic is not restricted");
	wd_network_rule_free(&r);
	wd_json_free(j);

	j = parse_json("{\"listeningPorts\":[\"8000-8080\"],\"outboundPorts\":[\"443\"],"
		       "\"outboundIps\":[\"10.0.0.0/8\",\"2001:db8::/32\"],\"effect\":\"prevent\"}");
	check(wd_network_rule_parse(j, &r) == 0 && r.enabled && r.effect == WD_EFFECT_PREVENT,
	      "rule: enabled by default, prevent parsed");
	e = ep("0.0.0.0", 8080);
	check(wd_net_decide_listen(&r, &e) == WD_VERDICT_ALLOW, "listen: range end allowed");
	e = ep("0.0.0.0", 8081);
	check(wd_net_decide_listen(&r, &e) == WD_VERDICT_PREVENT, "listen: outside range prevented");
	e = ep("10.1.2.3", 5432);
	check(wd_net_decide_outbound(&r, &e, &exempt) == WD_VERDICT_ALLOW,
	      "outbound: address in allowed CIDR");
	e = ep("2001:db8::5", 5432);
	check(wd_net_decide_outbound(&r, &e, &exempt) == WD_VERDICT_ALLOW,
	      "outbound: v6 address in allowed CIDR");
	e = ep("203.0.113.9", 443);
	check(wd_net_decide_outbound(&r, &e, &exempt) == WD_VERDICT_ALLOW,
	      "outbound: allowed port to any address");
	e = ep("203.0.113.9", 4444);
	check(wd_net_decide_outbound(&r, &e, &exempt) == WD_VERDICT_PREVENT,
	      "outbound: other address and port prevented");
	e = ep("127.0.0.1", 4444);
	check(wd_net_decide_outbound(&r, &e, &exempt) == WD_VERDICT_ALLOW,
	      "outbound: loopback always allowed");
	e = ep("::1", 4444);
	check(wd_net_decide_outbound(&r, &e, &exempt) == WD_VERDICT_ALLOW,
	      "outbound: v6 loopback always allowed");
	e = ep("198.51.100.7", 9999);
	check(wd_net_decide_outbound(&r, &e, &exempt) == WD_VERDICT_ALLOW,
	      "outbound: console address always allowed");
	check(wd_net_decide_outbound(&r, &e, NULL) == WD_VERDICT_PREVENT,
	      "outbound: without exemption the console address is an ordinary one");
	struct wd_endpoint ns[3];
	unsigned n_ns = wd_nameservers_parse("# platform\nsearch x.internal\nnameserver 192.0.2.53\n"
					     "  nameserver fe80::1%eth0 \nnameserver bogus\noptions ndots:5",
					     ns, 3);
	struct wd_net_exempt with_ns = {.nameservers = ns, .nameserver_count = n_ns};
	check(n_ns == 2 && ns[0].port == 53 && ns[0].family == AF_INET && ns[1].family == AF_INET6,
	      "resolv.conf: nameserver lines parsed, zone dropped, others ignored");
	e = ep("192.0.2.53", 53);
	check(wd_net_decide_outbound(&r, &e, &with_ns) == WD_VERDICT_ALLOW,
	      "outbound: port 53 of a start-time nameserver always allowed");
	e = ep("192.0.2.53", 80);
	check(wd_net_decide_outbound(&r, &e, &with_ns) == WD_VERDICT_PREVENT,
	      "outbound: other ports of a nameserver are ordinary");
	e = ep("203.0.113.53", 53);
	check(wd_net_decide_outbound(&r, &e, &with_ns) == WD_VERDICT_PREVENT,
	      "outbound: port 53 of another server is ordinary");
	check(wd_net_decide_raw_socket(&r) == WD_VERDICT_PREVENT,
	      "raw socket: a violation while outbound traffic is restricted");
	r.effect = WD_EFFECT_ALERT;
	check(wd_net_decide_raw_socket(&r) == WD_VERDICT_ALERT, "raw socket: alert under alert");
	r.effect = WD_EFFECT_PREVENT;
	r.enabled = false;
	e = ep("203.0.113.9", 4444);
	check(wd_net_decide_outbound(&r, &e, &exempt) == WD_VERDICT_ALLOW &&
		      wd_net_decide_listen(&r, &e) == WD_VERDICT_ALLOW,
	      "rule: disabled section allows everything");
	check(wd_net_decide_outbound(NULL, &e, NULL) == WD_VERDICT_ALLOW &&
		      wd_net_decide_listen(NULL, &e) == WD_VERDICT_ALLOW &&
		      wd_net_decide_raw_socket(&r) == WD_VERDICT_ALLOW &&
		      wd_net_decide_raw_socket(NULL) == WD_VERDICT_ALLOW,
	      "rule: no rule or a disabled section allows everything");
	wd_network_rule_free(&r);
	wd_json_free(j);

	j = parse_json("{\"outboundIps\":[\"203.0.113.0/24\"],\"effect\":\"prevent\"}");
	wd_network_rule_parse(j, &r);
	e = ep("203.0.113.77", 22);
	check(wd_net_decide_outbound(&r, &e, NULL) == WD_VERDICT_ALLOW,
	      "outbound: only IPs listed, any port to them");
	e = ep("192.0.2.1", 443);
	check(wd_net_decide_outbound(&r, &e, NULL) == WD_VERDICT_PREVENT,
	      "outbound: only IPs listed, others prevented");
	wd_network_rule_free(&r);
	wd_json_free(j);

	const char *bad[] = {
		"{\"listeningPorts\":[\"http\"]}",	  "{\"listeningPorts\":\"5000\"}",
		"{\"outboundPorts\":[5000]}",		  "{\"outboundIps\":[\"10.0.0.0/40\"]}",
		"{\"effect\":\"block\"}",		  "[]",
	};
	int all_bad = 1;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		j = parse_json(bad[i]);
		all_bad &= wd_network_rule_parse(j, &r) == -EINVAL && r.listening_ports == NULL;
		wd_json_free(j);
	}
	check(all_bad, "rule: bad network sections rejected and nothing kept");
	check(wd_network_rule_parse(NULL, &r) == 0 && !r.enabled, "rule: absent network = disabled");
}

static void test_dns_rule(void)
{
	struct wd_dns_rule r;
	struct wd_json *j;
	struct wd_net_exempt exempt = {.domain = "console.ward.example"};

	j = parse_json("{\"enabled\":true,\"allowed\":[],\"denied\":[],\"effect\":\"alert\"}");
	check(wd_dns_rule_parse(j, &r) == 0 && r.enabled, "dns rule: seed section parsed");
	check(wd_dns_decide(&r, "evil.example", NULL) == WD_VERDICT_ALLOW,
	      "dns: empty lists allow anything");
	wd_dns_rule_free(&r);
	wd_json_free(j);

	j = parse_json("{\"denied\":[\"Evil.Example.\",\"*.bad.example\"],\"effect\":\"prevent\"}");
	check(wd_dns_rule_parse(j, &r) == 0 && r.denied_count == 2 &&
		      strcmp(r.denied[0], "evil.example") == 0,
	      "dns rule: denied list normalised");
	check(wd_dns_decide(&r, "evil.example", NULL) == WD_VERDICT_PREVENT,
	      "dns: denied name prevented");
	check(wd_dns_decide(&r, "x.y.bad.example", NULL) == WD_VERDICT_PREVENT,
	      "dns: denied wildcard prevented");
	check(wd_dns_decide(&r, "good.example", NULL) == WD_VERDICT_ALLOW,
	      "dns: other names allowed with only a denied list");
	wd_dns_rule_free(&r);
	wd_json_free(j);

	j = parse_json("{\"allowed\":[\"*.azure.com\",\"pypi.org\"],\"denied\":[\"evil.azure.com\"],"
		       "\"effect\":\"alert\"}");
	wd_dns_rule_parse(j, &r);
	check(wd_dns_decide(&r, "pypi.org", &exempt) == WD_VERDICT_ALLOW &&
		      wd_dns_decide(&r, "mgmt.azure.com", &exempt) == WD_VERDICT_ALLOW,
	      "dns: allowed names pass");
	check(wd_dns_decide(&r, "evil.azure.com", &exempt) == WD_VERDICT_ALERT,
	      "dns: denied wins over allowed wildcard");
	check(wd_dns_decide(&r, "files.pythonhosted.org", &exempt) == WD_VERDICT_ALERT,
	      "dns: name outside a non-empty allowed list alerts");
	check(wd_dns_decide(&r, "localhost", &exempt) == WD_VERDICT_ALLOW &&
		      wd_dns_decide(&r, "console.ward.example", &exempt) == WD_VERDICT_ALLOW,
	      "dns: localhost and the console's name always allowed");
	wd_dns_rule_free(&r);
	wd_json_free(j);

	j = parse_json("{\"denied\":[\"bad..example\"]}");
	check(wd_dns_rule_parse(j, &r) == -EINVAL && r.denied == NULL,
	      "dns rule: malformed domain rejected");
	wd_json_free(j);
}

/* A real query as glibc's resolver builds it. */
static int make_query(const char *name, int type, uint8_t *buf, size_t cap)
{
	return res_mkquery(QUERY, name, C_IN, type, NULL, 0, NULL, buf, (int)cap);
}

static void test_dns_wire(void)
{
	uint8_t q[512], a[512];
	struct wd_dns_query dq;
	char tb[16];
	int n, m;

	n = make_query("Evil.Example.", T_A, q, sizeof(q));
	check(n > 0 && wd_dns_parse_query(q, (size_t)n, &dq) == 0 &&
		      strcmp(dq.name, "evil.example") == 0 && dq.qtype == T_A && dq.qclass == C_IN &&
		      dq.question_end == (size_t)n,
	      "wire: glibc A query parsed");
	n = make_query("www.example.org", T_AAAA, q, sizeof(q));
	check(n > 0 && wd_dns_parse_query(q, (size_t)n, &dq) == 0 && dq.qtype == T_AAAA &&
		      strcmp(wd_dns_type_name(dq.qtype, tb), "AAAA") == 0,
	      "wire: AAAA query parsed and named");
	check(strcmp(wd_dns_type_name(16, tb), "TXT") == 0 &&
		      strcmp(wd_dns_type_name(4242, tb), "TYPE4242") == 0,
	      "wire: type names and RFC 3597 fallback");
	m = wd_dns_build_answer(q, &dq, WD_DNS_NXDOMAIN, a, sizeof(a));
	check(m == n && a[0] == q[0] && a[1] == q[1] && (a[2] & 0x80) && (a[3] & 0x0f) == 3 &&
		      a[5] == 1 && a[7] == 0 && a[9] == 0 && a[11] == 0 &&
		      memcmp(a + 12, q + 12, (size_t)n - 12) == 0,
	      "wire: NXDOMAIN answer echoes id and question");
	m = wd_dns_build_answer(q, &dq, WD_DNS_REFUSED, a, sizeof(a));
	check(m == n && (a[3] & 0x0f) == 5 && (a[2] & 0x01) == (q[2] & 0x01),
	      "wire: REFUSED answer keeps RD");
	check(wd_dns_build_answer(q, &dq, WD_DNS_REFUSED, a, 10) == -ENOSPC,
	      "wire: answer too big for the buffer");
	check(wd_dns_parse_query(a, (size_t)m, &dq) == -EBADMSG, "wire: a response is not a query");
	check(wd_dns_parse_query(q, 11, &dq) == -EBADMSG, "wire: short header rejected");
	check(wd_dns_parse_query(q, (size_t)n - 1, &dq) == -EBADMSG, "wire: truncated QTYPE rejected");
	check(wd_dns_parse_query(q, 20, &dq) == -EBADMSG, "wire: truncated label rejected");

	/* hand-made messages */
	static const uint8_t two_questions[] = {0, 1, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0,
						1, 'a', 0,  0, 1, 0, 1, 1, 'b', 0, 0, 1, 0, 1};
	check(wd_dns_parse_query(two_questions, sizeof(two_questions), &dq) == -EBADMSG,
	      "wire: two questions rejected");
	static const uint8_t loop[] = {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0,
				       1, 'a', 0xc0, 12, 0, 1, 0, 1};
	check(wd_dns_parse_query(loop, sizeof(loop), &dq) == -EBADMSG, "wire: compression loop rejected");
	static const uint8_t self[] = {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1};
	check(wd_dns_parse_query(self, sizeof(self), &dq) == -EBADMSG,
	      "wire: self-pointing name rejected");
	static const uint8_t into_header[] = {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 2, 0, 1, 0, 1};
	check(wd_dns_parse_query(into_header, sizeof(into_header), &dq) == -EBADMSG,
	      "wire: pointer into the header rejected");
	static const uint8_t dotted[] = {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, 'a', '.', 'b',
					 0, 0, 1, 0, 1};
	check(wd_dns_parse_query(dotted, sizeof(dotted), &dq) == -EBADMSG,
	      "wire: dot inside a label rejected");
	static const uint8_t ext_label[] = {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0x41, 'a', 0, 0, 1, 0, 1};
	check(wd_dns_parse_query(ext_label, sizeof(ext_label), &dq) == -EBADMSG,
	      "wire: extended label type rejected");
	static const uint8_t root[] = {0, 9, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1};
	check(wd_dns_parse_query(root, sizeof(root), &dq) == 0 && strcmp(dq.name, ".") == 0 &&
		      dq.qtype == 2,
	      "wire: root NS query parsed as \".\"");
	static const uint8_t update[] = {0, 1, 0x28, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 'a', 0, 0, 6, 0, 1};
	check(wd_dns_parse_query(update, sizeof(update), &dq) == -EBADMSG, "wire: UPDATE opcode rejected");

	/* 128 one-character labels: 256 bytes of wire name, one over the limit */
	uint8_t big[12 + 260 + 4] = {0, 1, 1, 0, 0, 1};
	size_t at = 12;
	for (int i = 0; i < 127; i++) {
		big[at++] = 1;
		big[at++] = 'a';
	}
	big[at++] = 0;
	big[at++] = 0;
	big[at++] = 1;
	big[at++] = 0;
	big[at++] = 1;
	check(wd_dns_parse_query(big, at, &dq) == 0, "wire: 255-byte name accepted");
	memmove(big + 14, big + 12, at - 12);
	big[12] = 1;
	big[13] = 'a';
	check(wd_dns_parse_query(big, at + 2, &dq) == -EBADMSG, "wire: 257-byte name rejected");
}

static void test_dns_tcp(void)
{
	uint8_t q[512], stream[1100];
	const uint8_t *msg;
	size_t msg_len;
	int n = make_query("a.example", T_A, q, sizeof(q));
	uint8_t prefix[2];

	check(wd_dns_tcp_prefix((size_t)n, prefix) == 0 && prefix[0] == 0 && prefix[1] == n,
	      "tcp: length prefix");
	check(wd_dns_tcp_prefix(70000, prefix) == -EMSGSIZE, "tcp: oversized message refused");
	memcpy(stream, prefix, 2);
	memcpy(stream + 2, q, (size_t)n);
	memcpy(stream + 2 + n, prefix, 2);
	memcpy(stream + 4 + n, q, (size_t)n);
	check(wd_dns_tcp_next(stream, 1, &msg, &msg_len) == -EAGAIN &&
		      wd_dns_tcp_next(stream, (size_t)n + 1, &msg, &msg_len) == -EAGAIN,
	      "tcp: partial message waits for more");
	check(wd_dns_tcp_next(stream, 2 * (size_t)n + 4, &msg, &msg_len) == n + 2 &&
		      msg == stream + 2 && msg_len == (size_t)n,
	      "tcp: first of two pipelined messages");
	check(wd_dns_tcp_next(stream + n + 2, (size_t)n + 2, &msg, &msg_len) == n + 2 &&
		      memcmp(msg, q, (size_t)n) == 0,
	      "tcp: second pipelined message");
}

int main(void)
{
	test_ports();
	test_cidrs();
	test_endpoints();
	test_domains();
	test_network_rule();
	test_dns_rule();
	test_dns_wire();
	test_dns_tcp();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
