/* mounts: the mount table at start, and whether an exec'd file lives on a mount made since. */
#include "mounts.h"

#include <fcntl.h>
#include <linux/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kernel.h"

#define WD_MOUNTS_MAX 512
#define WD_MOUNT_ROOT_LEN 256

struct wd_mount {
	unsigned long long id;
	unsigned major, minor;
	char root[WD_MOUNT_ROOT_LEN];
};

static struct wd_mount wd_start_mounts[WD_MOUNTS_MAX];
static int wd_start_count;
static bool wd_start_known;
/* ids of later mounts found to be copies of start mounts (other namespaces): no second look */
static unsigned long long wd_copies[WD_MOUNTS_MAX];
static int wd_copy_count;

/* One mountinfo line: "ID PARENT MAJOR:MINOR ROOT MOUNTPOINT ..." (ROOT octal-escaped, kept so). */
static bool wd_parse_mount(const char *line, struct wd_mount *m)
{
	char root[WD_MOUNT_ROOT_LEN];

	if (sscanf(line, "%llu %*u %u:%u %255s", &m->id, &m->major, &m->minor, root) != 4)
		return false;
	strcpy(m->root, root);
	return true;
}

void wd_mounts_mark_start(void)
{
	char line[1024];
	FILE *f = fopen("/proc/self/mountinfo", "re");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f) && wd_start_count < WD_MOUNTS_MAX)
		if (wd_parse_mount(line, &wd_start_mounts[wd_start_count]))
			wd_start_count++;
	fclose(f);
	wd_start_known = wd_start_count > 0 && wd_start_count < WD_MOUNTS_MAX;
}

static bool wd_known_id(unsigned long long id)
{
	for (int i = 0; i < wd_start_count; i++)
		if (wd_start_mounts[i].id == id)
			return true;
	for (int i = 0; i < wd_copy_count; i++)
		if (wd_copies[i] == id)
			return true;
	return false;
}

/* The mount `id` as process `tid` sees it is a copy of a start mount. */
static bool wd_copy_of_start_mount(unsigned long long id, pid_t tid)
{
	char path[64], line[1024];
	struct wd_mount m;
	bool copy = false, found = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/mountinfo", tid);
	f = fopen(path, "re");
	if (!f)
		return true; /* cannot tell: not reported */
	while (!found && fgets(line, sizeof(line), f)) {
		if (!wd_parse_mount(line, &m) || m.id != id)
			continue;
		found = true;
		for (int i = 0; i < wd_start_count && !copy; i++)
			copy = wd_start_mounts[i].major == m.major && wd_start_mounts[i].minor == m.minor &&
			       strcmp(wd_start_mounts[i].root, m.root) == 0;
	}
	fclose(f);
	if (!found)
		return true;
	if (copy && wd_copy_count < WD_MOUNTS_MAX)
		wd_copies[wd_copy_count++] = id;
	return copy;
}

/* The id of the mount `fd` is on: statx (Linux 5.8), else the fd's /proc/self/fdinfo entry
 * (Linux 3.15). */
static int wd_mount_id(int fd, unsigned long long *id)
{
	struct statx stx;
	char path[64], line[128];
	FILE *f;
	int ret = -1;

	if (wd_kernel.statx_mnt_id) {
		memset(&stx, 0, sizeof(stx));
		if (syscall(SYS_statx, fd, "", AT_EMPTY_PATH, STATX_MNT_ID, &stx) < 0 ||
		    !(stx.stx_mask & STATX_MNT_ID))
			return -1;
		*id = stx.stx_mnt_id;
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "mnt_id:", 7) == 0) {
			*id = strtoull(line + 7, NULL, 10);
			ret = 0;
		}
	fclose(f);
	return ret;
}

bool wd_mounts_after_start(int fd, pid_t tid)
{
	unsigned long long id;

	if (!wd_start_known)
		return false;
	if (wd_mount_id(fd, &id) < 0)
		return false;
	if (wd_known_id(id))
		return false;
	return !wd_copy_of_start_mount(id, tid);
}
