/* main: the ward-defender command line — `run` wires config, console link, uplink and supervisor;
 * `version` says what was built. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "console.h"
#include "exec.h"
#include "netgate.h"
#include "report.h"
#include "spool.h"
#include "supervise.h"
#include "sync.h"
#include "tls.h"
#include "uplink.h"
#include "util.h"

#ifndef WD_VERSION
#define WD_VERSION "0.1.0"
#endif
#if WD_STATIC
#define WD_BUILD "static, musl"
#else
#define WD_BUILD "not static"
#endif

#define WD_START_FETCH_TIMEOUT_MS 3000
#define WD_EXIT_FLUSH_TIMEOUT_MS 5000
#define WD_EXIT_USAGE 2
#define WD_EXIT_NO_RULE 124 /* --require-rule without a console and without a kept rule */

static struct wd_console wd_console_link;
static struct wd_uplink_config wd_uplink;
static bool wd_have_console;
static const char *wd_data_folder;

static void wd_usage(FILE *out)
{
	fprintf(out, "usage: ward-defender run [--app-id ID] [--console URL] [--token-file F]\n"
		     "                         [--data-folder DIR] [--config FILE] [--ca-file F]\n"
		     "                         [--heartbeat-interval S] [--spool-max-bytes N]\n"
		     "                         [--fail-open] [--require-rule] -- CMD ARGS...\n"
		     "       ward-defender version\n");
}

/* Before the app runs there is nobody to forward signals to, and as PID 1 (a container) a signal
 * without a handler is ignored: a stop while waiting for a rule ends the defender itself. */
static void wd_stop_waiting(int sig)
{
	static const char line[] = "ward-defender: stopped while waiting for a rule; the app never ran\n";

	if (write(STDERR_FILENO, line, sizeof(line) - 1) < 0) {
		/* exiting anyway */
	}
	_exit(128 + sig);
}

static void wd_on_stop_signals(void (*handler)(int))
{
	static const int stops[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT};
	struct sigaction sa = {.sa_handler = handler};

	for (size_t i = 0; i < sizeof(stops) / sizeof(stops[0]); i++)
		sigaction(stops[i], &sa, NULL);
}

/* --require-rule at the very first start: fail closed, the app waits for its rule. */
static void wd_wait_for_rule(void)
{
	struct wd_backoff retry = {.first_ms = 500, .max_ms = 5000};

	wd_on_stop_signals(wd_stop_waiting);
	while (!wd_policy_known()) {
		if (wd_sync_fetch(&wd_console_link, wd_data_folder, WD_START_FETCH_TIMEOUT_MS) < 0)
			wd_sleep_ms(wd_backoff_next(&retry));
	}
	wd_on_stop_signals(SIG_DFL);
}

/* Once the app runs: follow the rule and start delivering audits and heartbeats. */
static void wd_on_started(bool failed_open)
{
	int ret;

	wd_uplink.fail_open = failed_open;
	if (wd_have_console) {
		ret = wd_sync_start(&wd_console_link, wd_data_folder);
		if (ret < 0)
			wd_log("cannot start the rule follower: %s", strerror(-ret));
	}
	ret = wd_uplink_start(&wd_uplink);
	if (ret < 0)
		wd_log("cannot start the uplink: %s", strerror(-ret));
}

static int wd_prepare_data_folder(const char *folder, uint64_t spool_max, char *spool, size_t cap)
{
	int ret = wd_mkdirs(folder, 0700);

	if (ret < 0) {
		wd_log("data folder %s unusable (%s): rules and audits are kept in memory only", folder,
		       strerror(-ret));
		return ret;
	}
	snprintf(spool, cap, "%s/spool", folder);
	ret = wd_spool_init(spool, spool_max);
	if (ret < 0)
		wd_log("spool %s unusable (%s): audits are kept in memory only", spool, strerror(-ret));
	return ret;
}

/* An https console: the trust anchors load now, once, before any thread or the app runs. */
static int wd_load_trust(const char *console, const char *ca_file)
{
	int n = wd_tls_load_anchors(ca_file);

	if (n == 0)
		wd_log("console %s cannot be verified: no system CA bundle in this image; pass the "
		       "console's CA with --ca-file FILE (PEM) or WARD_CA_FILE",
		       console);
	return n > 0 ? 0 : -EINVAL;
}

static int wd_run(int argc, char **argv)
{
	static char hostname[256], started_at[40], instance[320], spool[4096];
	struct wd_supervise_config sc;
	struct wd_options o;
	struct utsname un;
	struct timespec now;
	char uuid[37];
	bool failed_open;
	int status;

	if (wd_options_load(argc, argv, &o) < 0)
		return WD_EXIT_USAGE;
	wd_exec_mark_start();
	clock_gettime(CLOCK_REALTIME, &now);
	wd_format_time(now.tv_sec, now.tv_nsec, started_at);
	if (uname(&un) == 0)
		snprintf(hostname, sizeof(hostname), "%s", un.nodename);
	if (wd_uuid4(uuid) < 0)
		return 1;
	snprintf(instance, sizeof(instance), "%s:%s", o.app_id ? o.app_id : "local", uuid);
	wd_report_init(o.app_id ? o.app_id : "local", instance);

	if (wd_prepare_data_folder(o.data_folder, o.spool_max_bytes, spool, sizeof(spool)) == 0)
		wd_data_folder = o.data_folder;
	else
		wd_spool_init(NULL, o.spool_max_bytes);
	wd_sync_load_kept(wd_data_folder);
	if (o.console) {
		int ret = wd_console_init(&wd_console_link, o.console, o.token, o.app_id);
		if (ret < 0) {
			wd_log("invalid --console URL %s: %s", o.console, strerror(-ret));
			return WD_EXIT_USAGE;
		}
		if (wd_console_link.url.transport == &wd_tls_transport &&
		    wd_load_trust(o.console, o.ca_file) < 0)
			return WD_EXIT_USAGE;
		wd_have_console = true;
		ret = wd_sync_fetch(&wd_console_link, wd_data_folder, WD_START_FETCH_TIMEOUT_MS);
		if (ret < 0)
			wd_log("console %s unreachable at start (%s): %s", o.console, strerror(-ret),
			       wd_policy_known()  ? "enforcing the kept rule"
			       : o.require_rule ? "no rule yet"
						  : "no rule yet, allowing until the console answers");
	}
	if (o.require_rule && !wd_policy_known()) {
		if (!wd_have_console) {
			wd_log("no kept rule and no console: --require-rule does not start the app");
			return WD_EXIT_NO_RULE;
		}
		wd_log("waiting for a rule from %s before starting the app (--require-rule)", o.console);
		wd_wait_for_rule();
		wd_log("rule revision %lld received: starting the app", wd_policy_revision());
	}
	wd_uplink = (struct wd_uplink_config){
		.console = wd_have_console ? &wd_console_link : NULL,
		.data_folder = wd_data_folder,
		.version = WD_VERSION,
		.hostname = hostname,
		.started_at = started_at,
		.heartbeat_interval_s = o.heartbeat_interval,
	};
	if (wd_netgate_init(o.console) < 0)
		wd_log("the DNS filter could not start: port-53 traffic is refused while DNS rules apply");
	sc = (struct wd_supervise_config){.argv = o.command, .fail_open = o.fail_open};
	status = wd_supervise(&sc, &failed_open, wd_on_started);
	if (status < 0) {
		wd_log("supervisor failed: %s", strerror(-status));
		status = 1;
	}
	if (status != WD_EXIT_FILTER_FAILED || failed_open)
		wd_uplink_stop(WD_EXIT_FLUSH_TIMEOUT_MS);
	return status;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "version") == 0) {
		printf("ward-defender %s (%s)\n", WD_VERSION, WD_BUILD);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "run") == 0)
		return wd_run(argc - 1, argv + 1);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0)) {
		wd_usage(stdout);
		return 0;
	}
	wd_usage(stderr);
	return WD_EXIT_USAGE;
}
