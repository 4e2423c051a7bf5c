/* dnsproxy: the defender's filtering resolver on loopback — port-53 sockets of the app are
 * redirected here; each query is checked against the rule's dns section, answered NXDOMAIN when
 * prevented and otherwise forwarded from the defender's own socket to the nameserver the app chose. */
#ifndef WD_DNSPROXY_H
#define WD_DNSPROXY_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "net.h"

/* Binds UDP and TCP on 127.0.0.1 (ephemeral ports) and starts the serving threads. */
int wd_dnsproxy_start(void);
/* The resolver's address for a socket of `domain` (AF_INET or AF_INET6, v4-mapped) and `type`. */
int wd_dnsproxy_address(int domain, int type, struct sockaddr_storage *out, socklen_t *len);
/* True when `peer` (a socket's peer address) is the resolver's UDP side. */
bool wd_dnsproxy_is_resolver(const struct wd_endpoint *peer);
/* Remembers that the redirected client socket bound to loopback port `client_port` stands for a
 * query stream to `server` made by process `pid`. */
void wd_dnsproxy_register(int type, uint16_t client_port, const struct wd_endpoint *server,
			  pid_t pid);
/* The nameserver a redirected UDP client socket stands for (false when unknown). */
bool wd_dnsproxy_server_of(uint16_t client_port, struct wd_endpoint *server);
bool wd_dnsproxy_has_clients(void);

/* The DNS decision with the rule the supervisor last published (the resolver threads never touch
 * the supervisor's policy). Reports a violation; returns the verdict. */
enum wd_verdict wd_dns_check(const char *domain, uint16_t qtype, pid_t pid);
/* Publishes the rule's dns section (deep copy) when the rule revision changed. */
void wd_dns_publish(const char *rule_name, long long revision, const struct wd_dns_rule *dns,
		    const struct wd_net_exempt *exempt);
/* True when the published dns section can refuse something (enabled with a non-empty list). */
bool wd_dns_active(void);

#endif
