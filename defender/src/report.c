/* report: builds audit JSON for decisions, queues it for the uplink and keeps the heartbeat counters. */
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "json.h"
#include "net.h"
#include "util.h"

#define WD_MAX_MESSAGE 8000

struct wd_counters wd_counters;

static char wd_app_id[256];
static char wd_instance_id[320];

static pthread_mutex_t wd_queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wd_queue_cond = PTHREAD_COND_INITIALIZER;
static char *wd_queue[WD_QUEUE_CAPACITY];
static size_t wd_queue_head, wd_queue_count;
static bool wd_queue_woken;

void wd_report_init(const char *app_id, const char *instance_id)
{
	snprintf(wd_app_id, sizeof(wd_app_id), "%s", app_id);
	snprintf(wd_instance_id, sizeof(wd_instance_id), "%s", instance_id);
}

const char *wd_report_app_id(void)
{
	return wd_app_id;
}

const char *wd_report_instance_id(void)
{
	return wd_instance_id;
}

static void wd_add_message(struct wd_buf *b, const struct wd_rule *rule,
			   const struct wd_exec_facts *f, const struct wd_decision *d)
{
	const char *path = f->images[d->image].path;

	wd_buf_puts(b, path);
	if (d->image > 0)
		wd_buf_printf(b, " (interpreter of %s)", f->images[d->image - 1].path);
	else if (f->image_count > 1)
		wd_buf_printf(b, " (script run by %s)", f->images[1].path);
	switch (d->reason) {
	case WD_REASON_NOT_ALLOWED:
		wd_buf_printf(b, " launched and is not allowed by rule %s.", rule->name);
		break;
	case WD_REASON_DENIED:
		wd_buf_printf(b, " launched and is explicitly denied by rule %s.", rule->name);
		break;
	case WD_REASON_CRYPTO_MINER:
		wd_buf_printf(b, " launched and was detected as a crypto miner by rule %s.", rule->name);
		break;
	case WD_REASON_MODIFIED_BINARY:
		wd_buf_printf(b,
			      " launched and was created or modified after the container started, "
			      "detected by rule %s.",
			      rule->name);
		break;
	case WD_REASON_REVERSE_SHELL:
		wd_buf_printf(b,
			      " launched with a network socket as standard input or output "
			      "(reverse shell), detected by rule %s.",
			      rule->name);
		break;
	case WD_REASON_NONE:
	case WD_REASON_LISTEN_PORT: /* network reasons are never exec decisions */
	case WD_REASON_OUTBOUND:
	case WD_REASON_DNS:
		break;
	}
	wd_buf_printf(b, " Full command: %s", f->command);
}

/* Everything before "process": ids, time, rule and decision, message. */
static int wd_audit_head(struct wd_buf *b, const char *type, enum wd_verdict verdict,
			 const char *reason, const char *rule_name, long long rule_revision,
			 const char *message)
{
	struct timespec now;
	char id[37], when[40];
	int ret = wd_uuid4(id);

	if (ret < 0)
		return ret;
	clock_gettime(CLOCK_REALTIME, &now);
	wd_format_time(now.tv_sec, now.tv_nsec, when);
	wd_buf_printf(b, "{\"id\":\"%s\",\"time\":\"%s\",\"appId\":", id, when);
	wd_json_add_string(b, wd_app_id);
	wd_buf_puts(b, ",\"instanceId\":");
	wd_json_add_string(b, wd_instance_id);
	wd_buf_printf(b, ",\"type\":\"%s\",\"effect\":\"%s\",\"reason\":\"%s\",\"ruleName\":", type,
		      wd_verdict_effect_name(verdict), reason);
	wd_json_add_string(b, rule_name);
	wd_buf_printf(b, ",\"ruleRevision\":%lld,\"message\":", rule_revision);
	wd_json_add_string(b, message);
	return 0;
}

static void wd_audit_process(struct wd_buf *b, const char *path, const char *command,
			     const struct wd_process_info *proc)
{
	wd_buf_puts(b, ",\"process\":{\"path\":");
	wd_json_add_string(b, path);
	wd_buf_puts(b, ",\"command\":");
	wd_json_add_string(b, command);
	wd_buf_printf(b, ",\"pid\":%d,\"ppid\":%d,\"parentPath\":", (int)proc->pid, (int)proc->ppid);
	wd_json_add_string(b, proc->parent_path[0] ? proc->parent_path : NULL);
	wd_buf_puts(b, ",\"user\":");
	wd_json_add_string(b, proc->user);
	wd_buf_printf(b, ",\"uid\":%u}", (unsigned)proc->uid);
}

/* The console stores at most 8,192 characters of message; the full command has its own field. */
static void wd_message_limit(struct wd_buf *msg)
{
	if (!msg->oom && msg->len > WD_MAX_MESSAGE) {
		memcpy(msg->data + WD_MAX_MESSAGE - 3, "...", 4);
		msg->len = WD_MAX_MESSAGE;
	}
}

static int wd_audit_queue(struct wd_buf *b)
{
	char *json = wd_buf_steal(b);

	if (!json)
		return -ENOMEM;
	wd_queue_push(json);
	return 0;
}

int wd_report_exec(const struct wd_rule *rule, const struct wd_exec_facts *facts,
		   const struct wd_decision *decision, const struct wd_process_info *proc)
{
	struct wd_buf b = {0}, msg = {0};
	int ret;

	wd_add_message(&msg, rule, facts, decision);
	wd_message_limit(&msg);
	ret = wd_audit_head(&b, "processes", decision->verdict, wd_reason_name(decision->reason),
			    rule->name, rule->revision, msg.data);
	wd_buf_free(&msg);
	if (ret < 0) {
		wd_buf_free(&b);
		return ret;
	}
	wd_audit_process(&b, facts->images[decision->image].path, facts->command, proc);
	wd_buf_puts(&b, ",\"network\":null,\"dns\":null}");
	return wd_audit_queue(&b);
}

void wd_count_verdict(enum wd_verdict verdict)
{
	switch (verdict) {
	case WD_VERDICT_ALLOW:
		atomic_fetch_add(&wd_counters.allowed, 1);
		break;
	case WD_VERDICT_ALERT:
		atomic_fetch_add(&wd_counters.alerted, 1);
		break;
	case WD_VERDICT_PREVENT:
		atomic_fetch_add(&wd_counters.prevented, 1);
		break;
	}
}

/* The executable and command line of the thread that made a socket call. */
static void wd_describe_caller(pid_t tid, char *path, size_t path_cap, char *command, size_t cap)
{
	char proc[64];
	ssize_t n;
	int fd;

	snprintf(proc, sizeof(proc), "/proc/%d/exe", tid);
	n = readlink(proc, path, path_cap - 1);
	path[n > 0 ? n : 0] = '\0';
	command[0] = '\0';
	snprintf(proc, sizeof(proc), "/proc/%d/cmdline", tid);
	fd = open(proc, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = read(fd, command, cap - 1);
	close(fd);
	if (n <= 0) {
		command[0] = '\0';
		return;
	}
	if (command[n - 1] == '\0')
		n--;
	for (ssize_t i = 0; i < n; i++)
		if (command[i] == '\0')
			command[i] = ' ';
	command[n] = '\0';
}

int wd_report_net(const struct wd_net_event *e)
{
	char path[PATH_MAX], command[WD_MAX_COMMAND], ip[WD_IP_TEXT_MAX];
	bool dns = e->type == WD_NET_EVENT_DNS;
	bool listen = !dns && strcmp(e->direction, "listen") == 0;
	struct wd_process_info proc;
	struct wd_buf b = {0}, msg = {0};
	enum wd_reason reason;
	int ret;

	wd_process_describe(e->tid, &proc);
	wd_describe_caller(e->tid, path, sizeof(path), command, sizeof(command));
	if (dns) {
		reason = WD_REASON_DNS;
		wd_buf_printf(&msg, "%s looked up %s (%s), which is not allowed by rule %s.", path,
			      e->domain, e->query_type, e->rule_name);
	} else if (e->raw_kind) {
		wd_endpoint_ip_text(e->endpoint, ip);
		reason = WD_REASON_OUTBOUND;
		wd_buf_printf(&msg, "%s opened a raw socket (%s), which can send to any address past the "
				    "outbound lists of rule %s.", path, e->raw_kind, e->rule_name);
	} else {
		wd_endpoint_ip_text(e->endpoint, ip);
		reason = listen ? WD_REASON_LISTEN_PORT : WD_REASON_OUTBOUND;
		wd_buf_printf(&msg, "%s %s %s port %u/%s, which is not allowed by rule %s.", path,
			      listen ? "listened on" : "connected to", ip, (unsigned)e->endpoint->port,
			      e->protocol, e->rule_name);
	}
	wd_message_limit(&msg);
	wd_log("%s: %s", e->verdict == WD_VERDICT_PREVENT ? "prevented" : "alert",
	       msg.data ? msg.data : "?");
	ret = wd_audit_head(&b, dns ? "dns" : "network", e->verdict, wd_reason_name(reason),
			    e->rule_name, e->rule_revision, msg.data);
	wd_buf_free(&msg);
	if (ret < 0) {
		wd_buf_free(&b);
		return ret;
	}
	wd_audit_process(&b, path, command, &proc);
	if (dns) {
		wd_buf_puts(&b, ",\"network\":null,\"dns\":{\"domain\":");
		wd_json_add_string(&b, e->domain);
		wd_buf_puts(&b, ",\"queryType\":");
		wd_json_add_string(&b, e->query_type);
		wd_buf_puts(&b, "}}");
	} else {
		wd_buf_printf(&b,
			      ",\"network\":{\"direction\":\"%s\",\"protocol\":\"%s\",\"ip\":\"%s\","
			      "\"port\":%u},\"dns\":null}",
			      listen ? "listen" : "outbound", e->protocol, ip, (unsigned)e->endpoint->port);
	}
	ret = wd_audit_queue(&b);
	if (ret < 0)
		atomic_fetch_add(&wd_counters.audits_dropped, 1);
	return ret;
}

void wd_queue_push(char *audit_json)
{
	pthread_mutex_lock(&wd_queue_lock);
	if (wd_queue_count == WD_QUEUE_CAPACITY) {
		free(wd_queue[wd_queue_head]);
		wd_queue_head = (wd_queue_head + 1) % WD_QUEUE_CAPACITY;
		wd_queue_count--;
		atomic_fetch_add(&wd_counters.audits_dropped, 1);
	}
	wd_queue[(wd_queue_head + wd_queue_count) % WD_QUEUE_CAPACITY] = audit_json;
	wd_queue_count++;
	pthread_cond_signal(&wd_queue_cond);
	pthread_mutex_unlock(&wd_queue_lock);
}

size_t wd_queue_take(char **out, size_t max, size_t min, int wait_ms)
{
	struct timespec deadline;
	size_t n = 0;

	wd_deadline_in(wait_ms, &deadline);
	pthread_mutex_lock(&wd_queue_lock);
	while (wd_queue_count < min && !wd_queue_woken)
		if (pthread_cond_timedwait(&wd_queue_cond, &wd_queue_lock, &deadline) == ETIMEDOUT)
			break;
	wd_queue_woken = false;
	while (n < max && wd_queue_count > 0) {
		out[n++] = wd_queue[wd_queue_head];
		wd_queue_head = (wd_queue_head + 1) % WD_QUEUE_CAPACITY;
		wd_queue_count--;
	}
	pthread_mutex_unlock(&wd_queue_lock);
	return n;
}

void wd_queue_wake(void)
{
	pthread_mutex_lock(&wd_queue_lock);
	wd_queue_woken = true;
	pthread_cond_signal(&wd_queue_cond);
	pthread_mutex_unlock(&wd_queue_lock);
}
