/* uplink: the thread that delivers audits in batches (spooling what the console does not take) and
 * sends heartbeats with the counters. */
#ifndef WD_UPLINK_H
#define WD_UPLINK_H

#include <stdbool.h>

#include "console.h"

struct wd_uplink_config {
	struct wd_console *console; /* NULL: no console, audits stay in the spool */
	const char *data_folder; /* NULL: nothing survives a restart */
	const char *version;
	const char *hostname;
	const char *started_at;
	int heartbeat_interval_s;
	bool fail_open;
};

int wd_uplink_start(const struct wd_uplink_config *config);
/* Flushes what is queued (send or spool) and stops, waiting at most timeout_ms. */
void wd_uplink_stop(int timeout_ms);

#endif
