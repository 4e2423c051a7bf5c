/* kernel: what the running kernel offers beyond Linux 5.5, probed once at start, and the ways the
 * defender works without the newer parts (see the "Kernel features" table in README.md). */
#ifndef WD_KERNEL_H
#define WD_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* true: the kernel has it (and WARD_DEFENDER_KERNEL_LACKS did not take it away) */
struct wd_kernel {
	bool notif_continue; /* SECCOMP_USER_NOTIF_FLAG_CONTINUE, 5.5: required */
	bool pidfd_getfd;    /* 5.6: required */
	bool openat2;	     /* 5.6 */
	bool statx_mnt_id;   /* 5.8 */
	bool addfd;	     /* SECCOMP_IOCTL_NOTIF_ADDFD, 5.9 */
	bool id_valid_iow;   /* SECCOMP_IOCTL_NOTIF_ID_VALID with its corrected number, 5.9 */
	bool sync_wake_up;   /* SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP, 6.6 */
	bool pidfd_thread;   /* PIDFD_THREAD, 6.9 */
};

extern struct wd_kernel wd_kernel;

/* Probes every feature (a few cheap calls and one short-lived thread under a one-call filter),
 * then removes those named in `lacks` (comma-separated, WARD_DEFENDER_KERNEL_LACKS: a test hook
 * that can only take features away). Logs one line naming the fallbacks in use. Returns -1 after
 * a one-line message when `lacks` names an unknown feature. */
int wd_kernel_probe(const char *lacks);
/* True when the defender can work on this kernel; otherwise `why` says which feature it lacks
 * and the kernel that brings it ("this kernel (5.4.0) lacks ... (Linux 5.5)"). */
bool wd_kernel_usable(char *why, size_t cap);

/* 0 while notification `id` still waits for an answer, else -ESRCH. */
int wd_notif_id_valid(int listener, uint64_t id);
/* The defender's duplicate of file descriptor `fd` of thread `tid` (pidfd_getfd), or a negative
 * errno. With `listener` >= 0 the duplicate is returned only if notification `id` of that thread
 * still waits afterwards: the tid named the waiting thread throughout, not a reused one. */
int wd_thread_getfd(int listener, uint64_t id, pid_t tid, int fd);

#endif
