/* kernel: what the running kernel offers beyond Linux 5.5, probed once at start, and the ways the
 * defender works without the newer parts (see the "Kernel features" table in README.md). */
#include "kernel.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <linux/stat.h>
#include <poll.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "util.h"

#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL /* Linux 6.9 */
#endif
#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64) /* Linux 6.6 */
#endif
/* SECCOMP_IOCTL_NOTIF_ID_VALID's first number, with the wrong direction; kernels before 5.9 (and
 * early 5.4 stable releases) know only this one, later ones still accept it */
#define WD_IOCTL_NOTIF_ID_VALID_OLD SECCOMP_IOR(2, __u64)

struct wd_kernel wd_kernel;

static bool wd_probed_continue = true; /* false only when a notification answer proved it */

/* One row of the README's table: the name WARD_DEFENDER_KERNEL_LACKS uses, what the kernel calls
 * it, the release that brings it, and what the defender does without it (NULL: refuses). */
struct wd_feature {
	const char *name;
	const char *what;
	const char *since;
	bool *present;
	const char *without;
};

static const struct wd_feature wd_features[] = {
	{"continue", "SECCOMP_USER_NOTIF_FLAG_CONTINUE", "5.5", &wd_kernel.notif_continue, NULL},
	{"pidfd-getfd", "pidfd_getfd", "5.6", &wd_kernel.pidfd_getfd, NULL},
	{"openat2", "openat2", "5.6", &wd_kernel.openat2,
	 "execs by a process with another root are refused"},
	{"statx-mnt-id", "STATX_MNT_ID", "5.8", &wd_kernel.statx_mnt_id,
	 "mount ids from /proc/self/fdinfo"},
	{"addfd", "SECCOMP_IOCTL_NOTIF_ADDFD", "5.9", &wd_kernel.addfd,
	 "DNS connects redirected on the app's own socket"},
	{"id-valid-iow", "the corrected SECCOMP_IOCTL_NOTIF_ID_VALID number", "5.9",
	 &wd_kernel.id_valid_iow, "the original number"},
	{"sync-wake-up", "SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP", "6.6", &wd_kernel.sync_wake_up,
	 "ordinary wakeups"},
	{"pidfd-thread", "PIDFD_THREAD", "6.9", &wd_kernel.pidfd_thread,
	 "threads' sockets through their process, checked against /proc/TID/fd"},
};

static bool wd_forced; /* WARD_DEFENDER_KERNEL_LACKS took something away */
static bool wd_getfd_refused; /* pidfd_getfd exists but answers EPERM: a profile refuses it */

static int wd_pidfd_open(pid_t pid, unsigned flags)
{
	return (int)syscall(SYS_pidfd_open, pid, flags);
}

int wd_notif_id_valid(int listener, uint64_t id)
{
	unsigned long nr = wd_kernel.id_valid_iow ? SECCOMP_IOCTL_NOTIF_ID_VALID
						  : WD_IOCTL_NOTIF_ID_VALID_OLD;

	return ioctl(listener, nr, &id) < 0 ? -ESRCH : 0;
}

/* The probe thread: installs a filter that hands getppid to a listener (its own, not the
 * process's: a filter without TSYNC binds only the calling thread, and no_new_privs too), gives
 * the listener's number to the prober and makes one call that waits for the answer. */
struct wd_probe {
	int pipe[2];
};

static void *wd_probe_thread(void *arg)
{
	struct wd_probe *p = arg;
	struct sock_filter prog[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog fprog = {.len = WD_ARRAY_SIZE(prog), .filter = prog};
	int fd = -1;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0)
		fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
				  SECCOMP_FILTER_FLAG_NEW_LISTENER, &fprog);
	if (write(p->pipe[1], &fd, sizeof(fd)) != sizeof(fd) || fd < 0)
		return NULL;
	syscall(__NR_getppid);
	return NULL;
}

/* Answers the probe thread's call and tries the listener's ioctls on a real notification. */
static void wd_probe_listener(int listener)
{
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;
	struct seccomp_notif_addfd addfd;
	struct pollfd p = {.fd = listener, .events = POLLIN};
	uint64_t id;

	memset(&req, 0, sizeof(req));
	if (poll(&p, 1, 2000) != 1 || ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0)
		return; /* cannot tell: the app's filter will speak for itself */
	id = req.id;
	wd_kernel.id_valid_iow = ioctl(listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) == 0;
	/* an id no notification has: ENOENT where the ioctl exists, EINVAL where it does not */
	addfd = (struct seccomp_notif_addfd){.id = req.id + 1000, .srcfd = (uint32_t)listener};
	wd_kernel.addfd = ioctl(listener, SECCOMP_IOCTL_NOTIF_ADDFD, &addfd) < 0 && errno == ENOENT;
	wd_kernel.sync_wake_up = ioctl(listener, SECCOMP_IOCTL_NOTIF_SET_FLAGS, 0UL) == 0;
	resp = (struct seccomp_notif_resp){.id = req.id, .flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE};
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) < 0 && errno == EINVAL) {
		wd_probed_continue = false;
		resp = (struct seccomp_notif_resp){.id = req.id, .error = -ENOSYS};
		ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	}
}

static void wd_probe_notifications(void)
{
	struct wd_probe p;
	pthread_t t;
	int listener = -1;

	/* assumed present when the probe cannot run: installing the app's filter fails as well then,
	 * and says so */
	wd_kernel.id_valid_iow = wd_kernel.addfd = true;
	if (pipe2(p.pipe, O_CLOEXEC) < 0)
		return;
	if (wd_thread_start("ward-probe", wd_probe_thread, &p, 0, &t) == 0) {
		if (read(p.pipe[0], &listener, sizeof(listener)) == sizeof(listener) && listener >= 0) {
			wd_probe_listener(listener);
			close(listener);
		}
		pthread_join(t, NULL);
	}
	close(p.pipe[0]);
	close(p.pipe[1]);
}

static void wd_probe_all(void)
{
	struct open_how how = {.flags = O_PATH | O_CLOEXEC};
	struct statx stx;
	int fd;

	/* an fd that cannot exist: EBADF where the call exists (ENOSYS where not, EPERM where a
	 * container profile refuses it) */
	wd_kernel.pidfd_getfd = syscall(SYS_pidfd_getfd, -1, 0, 0) < 0 && errno == EBADF;
	wd_getfd_refused = !wd_kernel.pidfd_getfd && errno == EPERM;
	fd = (int)syscall(SYS_openat2, AT_FDCWD, "/", &how, sizeof(how));
	wd_kernel.openat2 = fd >= 0;
	if (fd >= 0)
		close(fd);
	memset(&stx, 0, sizeof(stx));
	wd_kernel.statx_mnt_id = syscall(SYS_statx, AT_FDCWD, "/", 0, STATX_MNT_ID, &stx) == 0 &&
				 (stx.stx_mask & STATX_MNT_ID);
	fd = wd_pidfd_open(getpid(), PIDFD_THREAD);
	wd_kernel.pidfd_thread = fd >= 0;
	if (fd >= 0)
		close(fd);
	wd_kernel.sync_wake_up = false;
	wd_probe_notifications();
	wd_kernel.notif_continue = wd_probed_continue;
}

static const struct wd_feature *wd_feature_named(const char *name, size_t len)
{
	for (size_t i = 0; i < WD_ARRAY_SIZE(wd_features); i++)
		if (strlen(wd_features[i].name) == len && strncmp(wd_features[i].name, name, len) == 0)
			return &wd_features[i];
	return NULL;
}

static int wd_remove_features(const char *lacks)
{
	const char *p = lacks;

	while (*p) {
		size_t len = strcspn(p, ",");
		const struct wd_feature *f = wd_feature_named(p, len);
		if (len > 0 && !f) {
			char known[256] = "";
			for (size_t i = 0; i < WD_ARRAY_SIZE(wd_features); i++)
				snprintf(known + strlen(known), sizeof(known) - strlen(known), "%s%s",
					 i ? ", " : "", wd_features[i].name);
			wd_log("WARD_DEFENDER_KERNEL_LACKS: unknown feature '%.*s' (known: %s)",
			       (int)len, p, known);
			return -1;
		}
		if (f) {
			*f->present = false;
			wd_forced = true;
		}
		p += len + (p[len] == ',');
	}
	return 0;
}

static const char *wd_kernel_release(void)
{
	static struct utsname un;

	return uname(&un) == 0 ? un.release : "unknown";
}

int wd_kernel_probe(const char *lacks)
{
	char line[1024];
	size_t n = 0;

	wd_probe_all();
	if (lacks && wd_remove_features(lacks) < 0)
		return -1;
	line[0] = '\0';
	for (size_t i = 0; i < WD_ARRAY_SIZE(wd_features); i++) {
		const struct wd_feature *f = &wd_features[i];
		if (*f->present || !f->without)
			continue;
		n += (size_t)snprintf(line + n, n < sizeof(line) ? sizeof(line) - n : 0, "%s%s (Linux %s): %s",
				      n ? "; " : "", f->what, f->since, f->without);
	}
	if (n > 0)
		wd_log("kernel %s%s: fallbacks in use: %s", wd_kernel_release(),
		       wd_forced ? " (features removed by WARD_DEFENDER_KERNEL_LACKS)" : "", line);
	return 0;
}

bool wd_kernel_usable(char *why, size_t cap)
{
	for (size_t i = 0; i < WD_ARRAY_SIZE(wd_features); i++) {
		const struct wd_feature *f = &wd_features[i];
		if (*f->present || f->without)
			continue;
		if (f->present == &wd_kernel.pidfd_getfd && wd_getfd_refused && !wd_forced)
			snprintf(why, cap, "pidfd_getfd (Linux 5.6) is refused here (EPERM: a seccomp "
					   "profile? Docker's and containerd's default profiles allow it "
					   "only with CAP_SYS_PTRACE)");
		else
			snprintf(why, cap, "this kernel (%s%s) lacks %s (Linux %s)",
				 wd_kernel_release(),
				 wd_forced ? ", features removed by WARD_DEFENDER_KERNEL_LACKS" : "",
				 f->what, f->since);
		return false;
	}
	return true;
}

/* The file table of a thread that does not lead its process cannot be named by a pidfd before
 * PIDFD_THREAD: take the fd from its process (the leader's table, which threads normally share)
 * and keep it only if it is the very file the thread holds under that number. A thread with a
 * file table of its own (clone without CLONE_FILES, unshare) holding another file is refused. */
static int wd_leader_getfd(pid_t tid, int fd)
{
	char path[64], line[128];
	struct stat mine, theirs;
	pid_t tgid = 0;
	int pidfd, dup;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	f = fopen(path, "re");
	if (!f)
		return -ESRCH;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "Tgid:", 5) == 0)
			tgid = (pid_t)strtol(line + 5, NULL, 10);
	fclose(f);
	pidfd = tgid > 0 ? wd_pidfd_open(tgid, 0) : -1;
	if (pidfd < 0)
		return -ESRCH;
	dup = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
	close(pidfd);
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", tid, fd);
	if (stat(path, &theirs) < 0) {
		int err = errno == ENOENT ? EBADF : errno; /* the kernel's answer to a bad fd */
		if (dup >= 0)
			close(dup);
		return -err;
	}
	/* a socket's inode is its own: equal device and inode is the same socket (anonymous inodes
	 * such as eventfds share one, but none of them is a socket, so no call goes further) */
	if (dup >= 0 && fstat(dup, &mine) == 0 && mine.st_dev == theirs.st_dev &&
	    mine.st_ino == theirs.st_ino)
		return dup;
	if (dup >= 0)
		close(dup);
	wd_log("thread %d has a file table of its own: without PIDFD_THREAD (Linux 6.9) its fd %d "
	       "cannot be checked (a socket call is refused, a shell's stdio counts as a network "
	       "socket)", (int)tid, fd);
	return -EPERM;
}

int wd_thread_getfd(int listener, uint64_t id, pid_t tid, int fd)
{
	int pidfd, dup, err;

	/* without PIDFD_THREAD a pidfd names a process: only a thread that leads one gets it (others
	 * get EINVAL, or ENOENT from recent kernels) */
	pidfd = wd_pidfd_open(tid, wd_kernel.pidfd_thread ? PIDFD_THREAD : 0);
	if (pidfd >= 0) {
		dup = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
		err = errno;
		close(pidfd);
		if (dup < 0)
			return -err;
	} else if ((errno == EINVAL || errno == ENOENT) && !wd_kernel.pidfd_thread) {
		dup = wd_leader_getfd(tid, fd);
		if (dup < 0)
			return dup;
	} else {
		return -ESRCH;
	}
	if (listener >= 0 && wd_notif_id_valid(listener, id) < 0) {
		close(dup);
		return -ESRCH;
	}
	return dup;
}
