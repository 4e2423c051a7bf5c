/* supervise: starts the app under the seccomp filter and acts as its PID 1 — answers every trapped
 * call, forwards signals, reaps orphans and reports the app's exit status. */
#ifndef WD_SUPERVISE_H
#define WD_SUPERVISE_H

#include <linux/filter.h>
#include <stdbool.h>
#include <stddef.h>

#define WD_EXIT_FILTER_FAILED 125

struct wd_supervise_config {
	char **argv;
	bool fail_open;
	bool unprotected; /* run the app without the filter (fail-open on a kernel it cannot use) */
};

/* Runs the app to completion. Returns its exit status (128+signal when killed), or
 * WD_EXIT_FILTER_FAILED when the filter could not be installed and fail-open is off.
 * `failed_open` tells whether the app ran unprotected. `on_started` runs once the app is running
 * (protected or not), before the first notification is answered. */
/* The seccomp program the app runs under (see filter.h); returns its length or -E2BIG. */
int wd_supervise_filter(struct sock_filter *prog, size_t cap);
int wd_supervise(const struct wd_supervise_config *config, bool *failed_open,
		 void (*on_started)(bool failed_open));

#endif
