/* spool: bounded, durable store of audit batches the console has not acknowledged yet (oldest first). */
#ifndef WD_SPOOL_H
#define WD_SPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define WD_SPOOL_FILE_MAX (64u << 20) /* largest batch file read back */

/* dir NULL keeps batches in memory only (no usable data folder); the bound applies either way.
 * Used by the uplink thread only. */
int wd_spool_init(const char *dir, uint64_t max_bytes);
/* Stores a batch (a JSON array of `count` audits); drops and counts the oldest when over the bound. */
int wd_spool_put(const char *body, size_t len, unsigned count);
/* The oldest batch: 0 with body/count/seq filled, -ENOENT when empty. */
int wd_spool_oldest(struct wd_buf *body, unsigned *count, uint64_t *seq);
void wd_spool_remove(uint64_t seq);
bool wd_spool_empty(void);
uint64_t wd_spool_limit(void);

#endif
