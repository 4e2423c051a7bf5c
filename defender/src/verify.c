/* verify: after an exec was let through, checks that the process really runs the file that was
 * decided on — another thread may rewrite the path between the decision and the kernel's read
 * (the documented limit of SECCOMP_USER_NOTIF_FLAG_CONTINUE). */
#include "verify.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util.h"

#define WD_VERIFY_MAX 128
#define WD_VERIFY_WINDOW_MS 500 /* an exec that has not completed by then has failed */
/* First look one tick after the answer, then every tick: looking at once would find the exec not
 * yet done (the task has not run since the answer) and only delay the task it waits for. */
#define WD_VERIFY_INTERVAL_MS 1

struct wd_pending_exec {
	pid_t pid; /* thread-group id: a successful exec leaves the process under it */
	dev_t old_dev, want_dev;
	ino_t old_ino, want_ino;
	int64_t due_ms, deadline_ms;
};

static struct wd_pending_exec wd_pending[WD_VERIFY_MAX];
static int wd_pending_count;

/* Processes killed for running a swapped file. SIGKILL does not withdraw a call already waiting
 * for the supervisor, and the defender performs allowed network calls itself: such a call is
 * refused, not performed for the dying process. Kept a while in case the kill is slow to land. */
#define WD_KILLED_MAX 16
#define WD_KILLED_KEEP_MS 1000
static struct {
	pid_t pid;
	int64_t until_ms;
} wd_killed[WD_KILLED_MAX];
static int wd_killed_next;

static pid_t wd_thread_group(pid_t tid)
{
	char path[64], line[128];
	struct stat st;
	pid_t tgid = tid;
	FILE *f;

	/* tgkill(tid, tid, 0) finds the task only when its thread-group id is tid, i.e. it is the
	 * leader (EPERM: found, but not ours to signal); no /proc lookup, nothing allocated */
	if (syscall(SYS_tgkill, tid, tid, 0) == 0 || errno == EPERM)
		return tid;
	/* a task directory links one entry per thread: a single thread is its own group */
	snprintf(path, sizeof(path), "/proc/%d/task", tid);
	if (stat(path, &st) == 0 && st.st_nlink <= 3)
		return tid;
	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	f = fopen(path, "re");
	if (!f)
		return tid;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "Tgid:", 5) == 0)
			tgid = (pid_t)strtol(line + 5, NULL, 10);
	fclose(f);
	return tgid;
}

/* Is task `tid` a thread of process `pid`? tgkill finds it only then (EPERM: found, not ours). */
static bool wd_in_process(pid_t tid, pid_t pid)
{
	return tid == pid || syscall(SYS_tgkill, pid, tid, 0) == 0 || errno == EPERM;
}

/* on_swapped, and when it stopped the process, the note that its waiting calls are refused. */
static bool wd_swapped(pid_t pid, wd_on_swapped on_swapped)
{
	if (!on_swapped(pid))
		return false;
	wd_killed[wd_killed_next].pid = pid;
	wd_killed[wd_killed_next].until_ms = wd_monotonic_ms() + WD_KILLED_KEEP_MS;
	wd_killed_next = (wd_killed_next + 1) % WD_KILLED_MAX;
	return true;
}

static bool wd_was_killed(pid_t tid, int64_t now)
{
	for (int i = 0; i < WD_KILLED_MAX; i++)
		if (wd_killed[i].until_ms > now && wd_in_process(tid, wd_killed[i].pid))
			return true;
	return false;
}

static void wd_pending_remove(int i)
{
	memmove(&wd_pending[i], &wd_pending[i + 1],
		(size_t)(wd_pending_count - i - 1) * sizeof(*wd_pending));
	wd_pending_count--;
}

int wd_verify_poll_timeout(void)
{
	int64_t due = INT64_MAX, wait;

	if (!wd_pending_count)
		return -1;
	for (int i = 0; i < wd_pending_count; i++)
		if (wd_pending[i].due_ms < due)
			due = wd_pending[i].due_ms;
	wait = due - wd_monotonic_ms();
	return wait < 0 ? 0 : wait > WD_VERIFY_INTERVAL_MS ? WD_VERIFY_INTERVAL_MS : (int)wait;
}

/* 1 verified or gone, 0 still waiting, -1 running something else. */
static int wd_verify_one(const struct wd_pending_exec *p, int64_t now)
{
	bool same_as_old, wanted;
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d/exe", p->pid);
	if (stat(path, &st) < 0)
		return 1; /* exited */
	wanted = st.st_dev == p->want_dev && st.st_ino == p->want_ino;
	same_as_old = st.st_dev == p->old_dev && st.st_ino == p->old_ino;
	if (wanted && !same_as_old)
		return 1;
	if (!wanted && !same_as_old)
		return -1;
	/* still the old image (or old and wanted are one file): the exec may not have happened yet */
	return now >= p->deadline_ms ? 1 : 0;
}

void wd_verify_expect(pid_t tid, uint64_t dev, uint64_t ino, wd_on_swapped on_swapped)
{
	struct wd_pending_exec *p;
	char path[64];
	struct stat old;
	int64_t now;
	pid_t pid;

	snprintf(path, sizeof(path), "/proc/%d/exe", tid);
	if (stat(path, &old) < 0)
		return;
	pid = wd_thread_group(tid);
	/* the process execs again, so its previous exec is over: its image now must be the one
	 * approved then (or the one before, if that exec failed) */
	for (int i = 0; i < wd_pending_count; i++) {
		if (wd_pending[i].pid != pid)
			continue;
		int state = wd_verify_one(&wd_pending[i], INT64_MAX);
		wd_pending_remove(i--);
		if (state < 0)
			wd_swapped(pid, on_swapped);
	}
	if (wd_pending_count == WD_VERIFY_MAX)
		wd_pending_remove(0); /* keep the newest: an exec storm must not grow memory */
	p = &wd_pending[wd_pending_count++];
	p->pid = pid;
	p->old_dev = old.st_dev;
	p->old_ino = old.st_ino;
	p->want_dev = (dev_t)dev;
	p->want_ino = (ino_t)ino;
	now = wd_monotonic_ms();
	p->due_ms = now + WD_VERIFY_INTERVAL_MS;
	p->deadline_ms = now + WD_VERIFY_WINDOW_MS;
}


bool wd_verify_settle(pid_t tid, wd_on_swapped on_swapped)
{
	int64_t now = wd_monotonic_ms();

	if (wd_was_killed(tid, now))
		return true;
	for (int i = 0; i < wd_pending_count; i++) {
		pid_t pid = wd_pending[i].pid;
		if (!wd_in_process(tid, pid))
			continue;
		int state = wd_verify_one(&wd_pending[i], now);
		if (state == 0)
			return false; /* the old image still: its exec is not done */
		wd_pending_remove(i);
		return state < 0 && wd_swapped(pid, on_swapped);
	}
	return false;
}

void wd_verify_check(wd_on_swapped on_swapped)
{
	int64_t now = wd_monotonic_ms();
	int kept = 0;

	for (int i = 0; i < wd_pending_count; i++) {
		int state = now < wd_pending[i].due_ms ? 0 : wd_verify_one(&wd_pending[i], now);
		if (state == 0) {
			if (now >= wd_pending[i].due_ms)
				wd_pending[i].due_ms = now + WD_VERIFY_INTERVAL_MS;
			wd_pending[kept++] = wd_pending[i];
		} else if (state < 0) {
			wd_swapped(wd_pending[i].pid, on_swapped);
		}
	}
	wd_pending_count = kept;
}
