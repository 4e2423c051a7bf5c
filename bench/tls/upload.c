/* upload: posts one audit batch N times through the defender's own console client (token exchange,
 * HTTP/1.1 client, the URL's transport: TCP or BearSSL) and prints the mean microseconds per batch:
 * wall clock, then this process's CPU time (user + system), the defender's own cost.
 * Usage: upload URL CA_FILE AUDITS_PER_BATCH N   (WARD_TOKEN holds the install token) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "console.h"
#include "json.h"
#include "tls.h"
#include "util.h"

static int64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int64_t cpu_us(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (int64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 + ru.ru_utime.tv_usec +
	       ru.ru_stime.tv_usec;
}

static void audit(struct wd_buf *b, const char *app_id, int i)
{
	char id[37];

	wd_uuid4(id);
	wd_buf_printf(b, "%s{\"id\":\"%s\",\"time\":\"2026-12-04T12:00:00.000000Z\",\"appId\":",
		      i ? "," : "", id);
	wd_json_add_string(b, app_id);
	wd_buf_printf(b, ",\"instanceId\":\"%s:bench\",\"type\":\"processes\",\"effect\":\"alert\","
			 "\"reason\":\"not-allowed\",\"ruleName\":\"bench\",\"ruleRevision\":2,"
			 "\"message\":\"/usr/bin/id launched and is not allowed by rule bench. Full command: "
			 "id -u\",\"process\":{\"path\":\"/usr/bin/id\",\"command\":\"id -u\",\"pid\":%d,"
			 "\"ppid\":1,\"parentPath\":\"/usr/bin/dash\",\"user\":\"app\",\"uid\":1000},"
			 "\"network\":null,\"dns\":null}",
		      app_id, 100 + i);
}

int main(int argc, char **argv)
{
	struct wd_console c;
	struct wd_buf body = {0};
	const char *token = getenv("WARD_TOKEN");
	int audits, n;
	int64_t start = 0, cpu = 0;

	if (argc != 5 || !token)
		return 2;
	audits = atoi(argv[3]);
	n = atoi(argv[4]);
	if (strncmp(argv[1], "https:", 6) == 0 && wd_tls_load_anchors(argv[2]) <= 0)
		return 2;
	if (wd_console_init(&c, argv[1], token, "bench") < 0)
		return 2;
	wd_buf_puts(&body, "[");
	for (int i = 0; i < audits; i++)
		audit(&body, "bench", i);
	wd_buf_puts(&body, "]");
	for (int i = -2; i < n; i++) { /* two warm-up calls (token exchange) */
		struct wd_http_response resp = {0};
		if (i == 0) {
			start = now_us();
			cpu = cpu_us();
		}
		int ret = wd_console_call(&c, "POST", "/api/v1/audits/app-embedded", NULL, body.data,
					  body.len, 10000, &resp);
		if (ret < 0 || resp.status != 200) {
			fprintf(stderr, "upload: %s answered %d (%d)\n", argv[1], resp.status, ret);
			return 1;
		}
		wd_http_response_free(&resp);
	}
	printf("%lld %lld\n", (long long)((now_us() - start) / n), (long long)((cpu_us() - cpu) / n));
	wd_buf_free(&body);
	return 0;
}
