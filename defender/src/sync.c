/* sync: keeps the enforced rule current — the kept copy in the data folder at start, one bounded
 * fetch before the app starts, then a long-poll thread that switches rules as the console changes. */
#include "sync.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "policy.h"
#include "util.h"

#define WD_LONG_POLL_SECONDS 30

static struct wd_console *wd_sync_console;
static const char *wd_sync_folder;

static void wd_kept_path(const char *folder, char *out, size_t cap)
{
	snprintf(out, cap, "%s/rule.json", folder);
}

int wd_sync_load_kept(const char *data_folder)
{
	struct wd_buf text = {0};
	struct wd_policy *p;
	char path[4096];
	int ret;

	if (!data_folder)
		return -ENOENT;
	wd_kept_path(data_folder, path, sizeof(path));
	ret = wd_read_file(path, &text, 1u << 20);
	if (ret < 0)
		goto out;
	ret = wd_policy_parse(text.data, text.len, &p);
	if (ret < 0) {
		wd_log("kept rule %s is unreadable: ignored", path);
		goto out;
	}
	wd_policy_publish(p);
	wd_log("enforcing the kept rule (revision %lld) until the console answers",
	       wd_policy_revision());
out:
	wd_buf_free(&text);
	return ret;
}

static void wd_url_encode(const char *in, char *out, size_t cap)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)in; *p && n + 4 < cap; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			out[n++] = (char)*p;
		} else {
			out[n++] = '%';
			out[n++] = hex[*p >> 4];
			out[n++] = hex[*p & 15];
		}
	}
	out[n] = '\0';
}

/* 1 when a new rule was published, 0 when unchanged (304), negative errno on failure. */
static int wd_sync_once(struct wd_console *c, const char *folder, int wait_s, int timeout_ms)
{
	struct wd_http_response resp = {0};
	struct wd_policy *p;
	char path[1024], app[768], headers[96] = "";
	int ret;

	wd_url_encode(c->app_id, app, sizeof(app));
	if (wait_s > 0)
		snprintf(path, sizeof(path),
			 "/api/v1/policies/runtime/app-embedded/resolve?appId=%s&wait=%ds", app, wait_s);
	else
		snprintf(path, sizeof(path), "/api/v1/policies/runtime/app-embedded/resolve?appId=%s",
			 app);
	if (wd_policy_known())
		snprintf(headers, sizeof(headers), "If-None-Match: \"%lld\"\r\n", wd_policy_revision());
	ret = wd_console_call(c, "GET", path, headers, NULL, 0, timeout_ms, &resp);
	if (ret < 0)
		goto out;
	if (resp.status == 304) {
		ret = 0;
		goto out;
	}
	if (resp.status != 200) {
		wd_log("resolve answered HTTP %d", resp.status);
		ret = -EPROTO;
		goto out;
	}
	ret = wd_policy_parse(resp.body.data, resp.body.len, &p);
	if (ret < 0) {
		wd_log("resolve sent a rule that cannot be parsed: keeping the current one");
		goto out;
	}
	if (folder) {
		char kept[4096];
		int wret;
		wd_kept_path(folder, kept, sizeof(kept));
		wret = wd_write_file_atomic(kept, resp.body.data, resp.body.len);
		if (wret < 0)
			wd_log("cannot keep the rule in %s: %s", kept, strerror(-wret));
	}
	wd_policy_publish(p);
	ret = 1;
out:
	wd_http_response_free(&resp);
	return ret;
}

int wd_sync_fetch(struct wd_console *c, const char *data_folder, int timeout_ms)
{
	int ret = wd_sync_once(c, data_folder, 0, timeout_ms);

	return ret < 0 ? ret : 0;
}

static void *wd_sync_main(void *arg)
{
	struct wd_backoff backoff = {.first_ms = 500, .max_ms = 15000};

	(void)arg;
	for (;;) {
		int ret = wd_sync_once(wd_sync_console, wd_sync_folder, WD_LONG_POLL_SECONDS,
				       (WD_LONG_POLL_SECONDS + 15) * 1000);
		if (ret >= 0) {
			wd_backoff_reset(&backoff);
			continue;
		}
		wd_sleep_ms(wd_backoff_next(&backoff));
	}
	return NULL;
}

int wd_sync_start(struct wd_console *c, const char *data_folder)
{
	wd_sync_console = c;
	wd_sync_folder = data_folder;
	return wd_thread_start("ward-sync", wd_sync_main, NULL, 128 * 1024, NULL);
}
