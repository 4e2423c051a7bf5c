/* netgate: answers the trapped socket calls (bind, listen, connect, addressed sends, DNS receives,
 * raw and packet sockets) from the rule's network and dns sections; design and TOCTOU argument in
 * tests/net/DESIGN.md. */
#ifndef WD_NETGATE_H
#define WD_NETGATE_H

#include <linux/seccomp.h>

#include "policy.h"

/* Resolves the console's host (always reachable by the app) and starts the DNS resolver. */
int wd_netgate_init(const char *console_url);

/* One handler per trapped call; each leaves its answer in `resp` (error, val, flags) and returns 0,
 * or returns 1 when a waiter thread will answer instead (a blocking connect in progress). */
int wd_net_handle_bind(int listener, const struct seccomp_notif *req,
			struct seccomp_notif_resp *resp, const struct wd_rule *rule);
int wd_net_handle_listen(int listener, const struct seccomp_notif *req,
			  struct seccomp_notif_resp *resp, const struct wd_rule *rule);
int wd_net_handle_connect(int listener, const struct seccomp_notif *req,
			   struct seccomp_notif_resp *resp, const struct wd_rule *rule);
int wd_net_handle_sendto(int listener, const struct seccomp_notif *req,
			  struct seccomp_notif_resp *resp, const struct wd_rule *rule);
int wd_net_handle_sendmsg(int listener, const struct seccomp_notif *req,
			   struct seccomp_notif_resp *resp, const struct wd_rule *rule);
int wd_net_handle_sendmmsg(int listener, const struct seccomp_notif *req,
			    struct seccomp_notif_resp *resp, const struct wd_rule *rule);
int wd_net_handle_socket(int listener, const struct seccomp_notif *req,
			  struct seccomp_notif_resp *resp, const struct wd_rule *rule);
int wd_net_handle_recvfrom(int listener, const struct seccomp_notif *req,
			    struct seccomp_notif_resp *resp, const struct wd_rule *rule);

#endif
