/* report: builds audit JSON for decisions, queues it for the uplink and keeps the heartbeat counters. */
#include "report.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "json.h"
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
		break;
	}
	wd_buf_printf(b, " Full command: %s", f->command);
}

int wd_report_exec(const struct wd_rule *rule, const struct wd_exec_facts *facts,
		   const struct wd_decision *decision, const struct wd_process_info *proc)
{
	struct wd_buf b = {0}, msg = {0};
	struct timespec now;
	char id[37], when[40];
	char *json;
	int ret;

	ret = wd_uuid4(id);
	if (ret < 0)
		return ret;
	clock_gettime(CLOCK_REALTIME, &now);
	wd_format_time(now.tv_sec, now.tv_nsec, when);
	wd_add_message(&msg, rule, facts, decision);
	if (!msg.oom && msg.len > WD_MAX_MESSAGE) {
		/* the console stores at most 8,192 characters; the full command has its own field */
		memcpy(msg.data + WD_MAX_MESSAGE - 3, "...", 4);
		msg.len = WD_MAX_MESSAGE;
	}
	wd_buf_printf(&b, "{\"id\":\"%s\",\"time\":\"%s\",\"appId\":", id, when);
	wd_json_add_string(&b, wd_app_id);
	wd_buf_puts(&b, ",\"instanceId\":");
	wd_json_add_string(&b, wd_instance_id);
	wd_buf_printf(&b, ",\"type\":\"processes\",\"effect\":\"%s\",\"reason\":\"%s\",\"ruleName\":",
		      wd_verdict_effect_name(decision->verdict), wd_reason_name(decision->reason));
	wd_json_add_string(&b, rule->name);
	wd_buf_printf(&b, ",\"ruleRevision\":%lld,\"message\":", rule->revision);
	wd_json_add_string(&b, msg.data);
	wd_buf_puts(&b, ",\"process\":{\"path\":");
	wd_json_add_string(&b, facts->images[decision->image].path);
	wd_buf_puts(&b, ",\"command\":");
	wd_json_add_string(&b, facts->command);
	wd_buf_printf(&b, ",\"pid\":%d,\"ppid\":%d,\"parentPath\":", (int)proc->pid, (int)proc->ppid);
	wd_json_add_string(&b, proc->parent_path[0] ? proc->parent_path : NULL);
	wd_buf_puts(&b, ",\"user\":");
	wd_json_add_string(&b, proc->user);
	wd_buf_printf(&b, ",\"uid\":%u},\"network\":null,\"dns\":null}", (unsigned)proc->uid);
	wd_buf_free(&msg);
	json = wd_buf_steal(&b);
	if (!json)
		return -ENOMEM;
	wd_queue_push(json);
	return 0;
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

size_t wd_queue_length(void)
{
	size_t n;

	pthread_mutex_lock(&wd_queue_lock);
	n = wd_queue_count;
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
