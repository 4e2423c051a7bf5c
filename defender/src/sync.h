/* sync: keeps the enforced rule current — the kept copy in the data folder at start, one bounded
 * fetch before the app starts, then a long-poll thread that switches rules as the console changes. */
#ifndef WD_SYNC_H
#define WD_SYNC_H

#include "console.h"

/* Loads <data>/rule.json (if any) and publishes it. */
int wd_sync_load_kept(const char *data_folder);
/* Fetches the rule once within timeout_ms; 0 when the console answered. */
int wd_sync_fetch(struct wd_console *c, const char *data_folder, int timeout_ms);
int wd_sync_start(struct wd_console *c, const char *data_folder);

#endif
