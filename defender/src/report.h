/* report: builds audit JSON for decisions, queues it for the uplink and keeps the heartbeat counters. */
#ifndef WD_REPORT_H
#define WD_REPORT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exec.h"
#include "net.h"
#include "policy.h"

struct wd_counters {
	_Atomic uint64_t audits_sent;
	_Atomic uint64_t audits_spooled;
	_Atomic uint64_t audits_dropped;
	_Atomic uint64_t execs_seen;
	_Atomic uint64_t allowed;
	_Atomic uint64_t alerted;
	_Atomic uint64_t prevented;
	_Atomic uint64_t setuid_execs; /* run without their privilege because of no_new_privs */
};

extern struct wd_counters wd_counters;

#define WD_QUEUE_CAPACITY 8192

void wd_report_init(const char *app_id, const char *instance_id);
const char *wd_report_app_id(void);
const char *wd_report_instance_id(void);

/* Builds the audit for an exec decision and queues it; never blocks the supervisor. */
int wd_report_exec(const struct wd_rule *rule, const struct wd_exec_facts *facts,
		   const struct wd_decision *decision, const struct wd_process_info *proc);

void wd_count_verdict(enum wd_verdict verdict);

enum wd_net_event_type { WD_NET_EVENT_NETWORK, WD_NET_EVENT_DNS };

/* A network or DNS violation, as netgate and the DNS resolver see it. */
struct wd_net_event {
	enum wd_net_event_type type;
	enum wd_verdict verdict;
	const char *rule_name;
	long long rule_revision;
	pid_t tid; /* the thread that made the call */
	const char *direction; /* network: "listen" or "outbound" */
	const char *protocol; /* network: "tcp", "udp" or "raw" */
	const struct wd_endpoint *endpoint; /* network: local (listen) or remote address; the
					     * unspecified address for a raw socket */
	const char *raw_kind; /* a raw socket opened: "IP" or "packet"; NULL otherwise */
	const char *domain; /* dns */
	const char *query_type; /* dns */
};

/* Builds the audit (type network or dns) with the caller's process and queues it. */
int wd_report_net(const struct wd_net_event *event);

/* Queue between the supervisor (push) and the uplink (take). Full queue: the oldest is dropped
 * and counted, so the supervisor never waits on the network. */
void wd_queue_push(char *audit_json);
/* Waits up to wait_ms for at least `min` audits (or for wd_queue_wake); returns how many it took. */
size_t wd_queue_take(char **out, size_t max, size_t min, int wait_ms);
void wd_queue_wake(void);

#endif
