/* spool: bounded, durable store of audit batches the console has not acknowledged yet (oldest first).
 * One file per batch, named <sequence>-<count>.json, written atomically; the index lives in memory. */
#include "spool.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"

struct wd_spool_entry {
	uint64_t seq;
	unsigned count;
	size_t size;
	char *mem; /* the batch itself when there is no spool folder */
};

static char wd_spool_dir[4096];
static bool wd_spool_on_disk;
static uint64_t wd_spool_max, wd_spool_used, wd_spool_next = 1;
static struct wd_spool_entry *wd_entries;
static size_t wd_entry_count, wd_entry_cap;

static int wd_entry_cmp(const void *a, const void *b)
{
	const struct wd_spool_entry *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int wd_entry_add(uint64_t seq, unsigned count, size_t size, char *mem)
{
	if (wd_entry_count == wd_entry_cap) {
		size_t cap = wd_entry_cap ? wd_entry_cap * 2 : 64;
		struct wd_spool_entry *e = realloc(wd_entries, cap * sizeof(*e));
		if (!e)
			return -ENOMEM;
		wd_entries = e;
		wd_entry_cap = cap;
	}
	wd_entries[wd_entry_count++] = (struct wd_spool_entry){seq, count, size, mem};
	wd_spool_used += size;
	if (seq >= wd_spool_next)
		wd_spool_next = seq + 1;
	return 0;
}

static void wd_entry_path(uint64_t seq, unsigned count, char *out, size_t cap)
{
	snprintf(out, cap, "%s/%016" PRIu64 "-%u.json", wd_spool_dir, seq, count);
}

int wd_spool_init(const char *dir, uint64_t max_bytes)
{
	struct dirent *de;
	DIR *d;
	int ret;

	wd_spool_max = max_bytes;
	if (!dir)
		return 0;
	snprintf(wd_spool_dir, sizeof(wd_spool_dir), "%s", dir);
	ret = wd_mkdirs(dir, 0700);
	if (ret < 0)
		return ret;
	d = opendir(dir);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		uint64_t seq;
		unsigned count;
		char path[4352], tail;
		struct stat st;

		if (sscanf(de->d_name, "%16" SCNu64 "-%u.jso%c", &seq, &count, &tail) != 3 ||
		    tail != 'n')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st) < 0)
			continue;
		ret = wd_entry_add(seq, count, (size_t)st.st_size, NULL);
		if (ret < 0)
			break;
	}
	closedir(d);
	qsort(wd_entries, wd_entry_count, sizeof(*wd_entries), wd_entry_cmp);
	wd_spool_on_disk = true;
	return ret < 0 ? ret : 0;
}

static void wd_spool_drop_oldest(void)
{
	struct wd_spool_entry *e = &wd_entries[0];

	atomic_fetch_add(&wd_counters.audits_dropped, e->count);
	wd_log("spool full (%" PRIu64 " bytes): dropped %u oldest audits", wd_spool_max, e->count);
	wd_spool_remove(e->seq);
}

int wd_spool_put(const char *body, size_t len, unsigned count)
{
	char path[4352];
	char *mem = NULL;
	uint64_t seq;
	int ret;

	if (len > wd_spool_max)
		return -EFBIG;
	while (wd_entry_count > 0 && wd_spool_used + len > wd_spool_max)
		wd_spool_drop_oldest();
	seq = wd_spool_next;
	if (wd_spool_on_disk) {
		wd_entry_path(seq, count, path, sizeof(path));
		ret = wd_write_file_atomic(path, body, len);
		if (ret < 0)
			return ret;
	} else {
		mem = malloc(len + 1);
		if (!mem)
			return -ENOMEM;
		memcpy(mem, body, len);
		mem[len] = '\0';
	}
	ret = wd_entry_add(seq, count, len, mem);
	if (ret < 0) {
		free(mem);
		return ret;
	}
	atomic_fetch_add(&wd_counters.audits_spooled, count);
	return 0;
}

int wd_spool_oldest(struct wd_buf *body, unsigned *count, uint64_t *seq)
{
	char path[4352];
	int ret;

	if (wd_entry_count == 0)
		return -ENOENT;
	*count = wd_entries[0].count;
	*seq = wd_entries[0].seq;
	wd_buf_reset(body);
	if (!wd_spool_on_disk) {
		wd_buf_add(body, wd_entries[0].mem, wd_entries[0].size);
		return body->oom ? -ENOMEM : 0;
	}
	wd_entry_path(*seq, *count, path, sizeof(path));
	ret = wd_read_file(path, body, WD_SPOOL_FILE_MAX);
	if (ret < 0) {
		/* a spool file that cannot be read cannot be delivered either: count it, move on */
		atomic_fetch_add(&wd_counters.audits_dropped, *count);
		wd_log("spool file %s unreadable (%s): dropped", path, strerror(-ret));
		wd_spool_remove(*seq);
	}
	return ret;
}

void wd_spool_remove(uint64_t seq)
{
	char path[4352];

	for (size_t i = 0; i < wd_entry_count; i++) {
		if (wd_entries[i].seq != seq)
			continue;
		if (wd_spool_on_disk) {
			wd_entry_path(seq, wd_entries[i].count, path, sizeof(path));
			unlink(path);
		}
		free(wd_entries[i].mem);
		wd_spool_used -= wd_entries[i].size;
		memmove(&wd_entries[i], &wd_entries[i + 1],
			(wd_entry_count - i - 1) * sizeof(*wd_entries));
		wd_entry_count--;
		return;
	}
}

bool wd_spool_empty(void)
{
	return wd_entry_count == 0;
}

uint64_t wd_spool_limit(void)
{
	return wd_spool_max;
}
