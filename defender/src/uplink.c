/* uplink: the thread that delivers audits in batches (spooling what the console does not take) and
 * sends heartbeats with the counters. */
#include "uplink.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "json.h"
#include "policy.h"
#include "report.h"
#include "spool.h"
#include "util.h"

#define WD_BATCH_MAX 500 /* the contract allows 1,000 per request */
#define WD_BATCH_TRIGGER 100
#define WD_BATCH_DELAY_MS 500
#define WD_SEND_TIMEOUT_MS 5000

static struct wd_uplink_config wd_cfg;
static atomic_bool wd_stopping;
static pthread_mutex_t wd_done_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wd_done_cond = PTHREAD_COND_INITIALIZER;
static bool wd_done;
static struct wd_backoff wd_delivery_backoff = {.first_ms = 1000, .max_ms = 15000};
static int64_t wd_retry_at_ms;
/* drops not yet seen by the console survive a restart in <data>/dropped: never silent */
static uint64_t wd_dropped_reported, wd_dropped_saved;
static char wd_dropped_path[4200];

static void wd_load_unreported_drops(void)
{
	struct wd_buf b = {0};

	if (!wd_cfg.data_folder)
		return;
	snprintf(wd_dropped_path, sizeof(wd_dropped_path), "%s/dropped", wd_cfg.data_folder);
	if (wd_read_file(wd_dropped_path, &b, 64) == 0) {
		wd_dropped_saved = strtoull(b.data, NULL, 10);
		atomic_fetch_add(&wd_counters.audits_dropped, wd_dropped_saved);
	}
	wd_buf_free(&b);
}

static void wd_save_unreported_drops(void)
{
	uint64_t unreported = atomic_load(&wd_counters.audits_dropped) - wd_dropped_reported;
	char text[32];

	if (!wd_dropped_path[0] || unreported == wd_dropped_saved)
		return;
	if (unreported == 0) {
		unlink(wd_dropped_path);
	} else {
		snprintf(text, sizeof(text), "%llu\n", (unsigned long long)unreported);
		if (wd_write_file_atomic(wd_dropped_path, text, strlen(text)) < 0)
			return;
	}
	wd_dropped_saved = unreported;
}

static void wd_delivery_failed(void)
{
	wd_retry_at_ms = wd_monotonic_ms() + wd_backoff_next(&wd_delivery_backoff);
}

static void wd_delivery_retry_now(void)
{
	wd_backoff_reset(&wd_delivery_backoff);
	wd_retry_at_ms = 0;
}

/* 0 delivered, 1 rejected for good (4xx: resending cannot help), negative errno: try later. */
static int wd_post_batch(const char *body, size_t len, int timeout_ms)
{
	struct wd_http_response resp = {0};
	int ret;

	if (!wd_cfg.console)
		return -ENOTCONN;
	ret = wd_console_call(wd_cfg.console, "POST", "/api/v1/audits/app-embedded", NULL, body, len,
			      timeout_ms, &resp);
	if (ret == 0) {
		if (resp.status >= 200 && resp.status < 300)
			ret = 0;
		else if (resp.status >= 400 && resp.status < 500 && resp.status != 401 &&
			 resp.status != 403 && resp.status != 408 && resp.status != 429)
			ret = 1;
		else
			ret = -EPROTO;
		if (ret == 1)
			wd_log("console rejected an audit batch (HTTP %d): %.300s", resp.status,
			       resp.body.data ? resp.body.data : "");
	}
	wd_http_response_free(&resp);
	return ret;
}

/* A batch refused for good is sent again one audit at a time, so that an audit the console cannot
 * take (a field a console of another version refuses, say) does not take the others with it.
 * Negative errno when the console fails meanwhile: the whole batch is tried again later, and the
 * audit ids make the resent ones duplicates, not copies. */
static int wd_post_each(const char *body, size_t len, unsigned count, int timeout_ms)
{
	struct wd_buf one = {0};
	unsigned sent = 0, refused = 0;
	size_t pos = 1, end;

	while (pos < len && (end = wd_json_value_end(body, len, pos)) > pos) {
		wd_buf_reset(&one);
		wd_buf_puts(&one, "[");
		wd_buf_add(&one, body + pos, end - pos);
		wd_buf_puts(&one, "]");
		int ret = one.oom ? 1 : wd_post_batch(one.data, one.len, timeout_ms);
		if (ret < 0) {
			wd_buf_free(&one);
			return ret;
		}
		if (ret == 0)
			sent++;
		else
			refused++;
		for (pos = end; pos < len && (body[pos] == ',' || body[pos] == ' '); pos++)
			;
	}
	wd_buf_free(&one);
	atomic_fetch_add(&wd_counters.audits_sent, sent);
	/* what could not be split (a damaged spool file) counts as refused too */
	atomic_fetch_add(&wd_counters.audits_dropped, count > sent ? count - sent : 0);
	if (refused + sent != count)
		wd_log("an audit batch of %u could not be split: %u dropped", count, count - sent - refused);
	return 0;
}

/* 0 when the console has decided on every audit of the batch (taken or refused for good, and
 * counted), negative errno to try again later. */
static int wd_deliver(const char *body, size_t len, unsigned count, int timeout_ms)
{
	int ret = wd_post_batch(body, len, timeout_ms);

	if (ret == 1 && count > 1)
		return wd_post_each(body, len, count, timeout_ms);
	if (ret == 0)
		atomic_fetch_add(&wd_counters.audits_sent, count);
	else if (ret == 1)
		atomic_fetch_add(&wd_counters.audits_dropped, count);
	return ret < 0 ? ret : 0;
}

/* Delivers spooled batches oldest first until empty or the console fails. */
static void wd_drain_spool(int timeout_ms)
{
	struct wd_buf body = {0};
	unsigned count;
	uint64_t seq;

	while (!wd_spool_empty() && wd_monotonic_ms() >= wd_retry_at_ms) {
		int ret = wd_spool_oldest(&body, &count, &seq);
		if (ret < 0)
			continue; /* unreadable file: already dropped and counted */
		if (wd_deliver(body.data, body.len, count, timeout_ms) < 0) {
			wd_delivery_failed();
			break;
		}
		wd_spool_remove(seq);
		wd_delivery_retry_now();
	}
	wd_buf_free(&body);
}

/* Sends one batch, or spools it when the console is away or older batches are still waiting. */
static void wd_deliver_or_spool(struct wd_buf *body, unsigned n, int timeout_ms)
{
	int ret;

	if (body->oom) {
		atomic_fetch_add(&wd_counters.audits_dropped, n);
		return;
	}
	/* older batches go first, so new ones wait behind a non-empty spool */
	if (wd_spool_empty() && wd_monotonic_ms() >= wd_retry_at_ms) {
		if (wd_deliver(body->data, body->len, n, timeout_ms) == 0) {
			wd_delivery_retry_now();
			return;
		}
		wd_delivery_failed();
	}
	ret = wd_spool_put(body->data, body->len, n);
	if (ret < 0) {
		wd_log("cannot spool %u audits (%s): dropped", n, strerror(-ret));
		atomic_fetch_add(&wd_counters.audits_dropped, n);
	}
}

/* Frees the items; batches stay below a quarter of the spool so one never overflows it alone. */
static void wd_handle_batch(char **items, size_t n, int timeout_ms)
{
	size_t limit = (size_t)(wd_spool_limit() / 4);
	struct wd_buf body = {0};
	unsigned in_body = 0;

	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(items[i]);
		if (in_body > 0 && body.len + len + 2 > limit) {
			wd_buf_puts(&body, "]");
			wd_deliver_or_spool(&body, in_body, timeout_ms);
			wd_buf_reset(&body);
			in_body = 0;
		}
		wd_buf_puts(&body, in_body ? "," : "[");
		wd_buf_add(&body, items[i], len);
		in_body++;
		free(items[i]);
	}
	if (in_body > 0) {
		wd_buf_puts(&body, "]");
		wd_deliver_or_spool(&body, in_body, timeout_ms);
	}
	wd_buf_free(&body);
}

static void wd_send_heartbeat(void)
{
	struct wd_http_response resp = {0};
	struct wd_buf b = {0};
	uint64_t dropped = atomic_load(&wd_counters.audits_dropped);
	int ret;

	if (!wd_cfg.console)
		return;
	wd_buf_puts(&b, "{\"instanceId\":");
	wd_json_add_string(&b, wd_report_instance_id());
	wd_buf_puts(&b, ",\"appId\":");
	wd_json_add_string(&b, wd_report_app_id());
	wd_buf_puts(&b, ",\"version\":");
	wd_json_add_string(&b, wd_cfg.version);
	wd_buf_puts(&b, ",\"hostname\":");
	wd_json_add_string(&b, wd_cfg.hostname);
	wd_buf_puts(&b, ",\"startedAt\":");
	wd_json_add_string(&b, wd_cfg.started_at);
	if (wd_policy_known())
		wd_buf_printf(&b, ",\"policyRevision\":%lld", wd_policy_revision());
	else
		wd_buf_puts(&b, ",\"policyRevision\":null");
	wd_buf_printf(&b,
		      ",\"failOpen\":%s,\"intervalSeconds\":%d,\"counters\":{\"auditsSent\":%llu,"
		      "\"auditsSpooled\":%llu,\"auditsDropped\":%llu,\"execsSeen\":%llu,"
		      "\"allowed\":%llu,\"alerted\":%llu,\"prevented\":%llu,\"setuidExecs\":%llu}}",
		      wd_cfg.fail_open ? "true" : "false", wd_cfg.heartbeat_interval_s,
		      (unsigned long long)atomic_load(&wd_counters.audits_sent),
		      (unsigned long long)atomic_load(&wd_counters.audits_spooled),
		      (unsigned long long)dropped,
		      (unsigned long long)atomic_load(&wd_counters.execs_seen),
		      (unsigned long long)atomic_load(&wd_counters.allowed),
		      (unsigned long long)atomic_load(&wd_counters.alerted),
		      (unsigned long long)atomic_load(&wd_counters.prevented),
		      (unsigned long long)atomic_load(&wd_counters.setuid_execs));
	if (b.oom)
		goto out;
	ret = wd_console_call(wd_cfg.console, "POST", "/api/v1/defenders/heartbeat", NULL, b.data,
			      b.len, WD_SEND_TIMEOUT_MS, &resp);
	if (ret == 0 && (resp.status < 200 || resp.status >= 300))
		wd_log("heartbeat answered HTTP %d", resp.status);
	else if (ret == 0)
		wd_dropped_reported = dropped;
out:
	wd_http_response_free(&resp);
	wd_buf_free(&b);
}

static void *wd_uplink_main(void *arg)
{
	char *items[WD_BATCH_MAX];
	int64_t next_heartbeat = 0;
	size_t n;

	(void)arg;
	while (!atomic_load(&wd_stopping)) {
		n = wd_queue_take(items, WD_BATCH_MAX, WD_BATCH_TRIGGER, WD_BATCH_DELAY_MS);
		if (n > 0)
			wd_handle_batch(items, n, WD_SEND_TIMEOUT_MS);
		wd_drain_spool(WD_SEND_TIMEOUT_MS);
		if (wd_monotonic_ms() >= next_heartbeat) {
			wd_send_heartbeat();
			next_heartbeat = wd_monotonic_ms() + wd_cfg.heartbeat_interval_s * 1000LL;
		}
		wd_save_unreported_drops();
	}
	/* last flush, one attempt whatever the backoff: what the console does not take now is
	 * spooled for the next start */
	wd_delivery_retry_now();
	while ((n = wd_queue_take(items, WD_BATCH_MAX, 0, 0)) > 0)
		wd_handle_batch(items, n, 2000);
	wd_drain_spool(2000);
	wd_send_heartbeat();
	wd_save_unreported_drops();
	pthread_mutex_lock(&wd_done_lock);
	wd_done = true;
	pthread_cond_signal(&wd_done_cond);
	pthread_mutex_unlock(&wd_done_lock);
	return NULL;
}

int wd_uplink_start(const struct wd_uplink_config *config)
{
	wd_cfg = *config;
	wd_load_unreported_drops();
	return wd_thread_start("ward-uplink", wd_uplink_main, NULL, 128 * 1024, NULL);
}

void wd_uplink_stop(int timeout_ms)
{
	struct timespec deadline;

	atomic_store(&wd_stopping, true);
	wd_queue_wake();
	wd_deadline_in(timeout_ms, &deadline);
	pthread_mutex_lock(&wd_done_lock);
	while (!wd_done)
		if (pthread_cond_timedwait(&wd_done_cond, &wd_done_lock, &deadline) == ETIMEDOUT)
			break;
	pthread_mutex_unlock(&wd_done_lock);
}
