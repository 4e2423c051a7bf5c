/* notify_floor: runs a command with some calls sent to SECCOMP_RET_USER_NOTIF and answered CONTINUE at once, without
 * reading anything — the least any user-notification gate on those calls can cost, to compare the defender against.
 *   notify_floor CMD ARGS...             traps execve and execveat
 *   notify_floor --connect CMD ARGS...   traps connect
 * Wakeups as the defender does them (supervise.c, wd_wakeups_follow): ordinary ones for execs, direct hand-overs
 * (SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP) for connect. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (1UL << 0)
#endif

int main(int argc, char **argv)
{
	int connect_only = argc > 1 && strcmp(argv[1], "--connect") == 0;
	unsigned first = connect_only ? __NR_connect : __NR_execve;
	unsigned second = connect_only ? __NR_connect : __NR_execveat;
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, first, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, second, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
	};
	struct sock_fprog prog = {.len = sizeof(f) / sizeof(f[0]), .filter = f};
	int report[2], ack[2];
	char ok;
	argv += connect_only;
	argc -= connect_only;
	if (argc < 2 || pipe(report) < 0 || pipe(ack) < 0)
		return 2;
	pid_t child = fork();
	if (child == 0) {
		int fd;
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
			_exit(2);
		fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
		if (fd < 0 || write(report[1], &fd, sizeof(fd)) != sizeof(fd))
			_exit(2);
		/* the listener closes with exec: wait until the parent holds its own copy */
		if (read(ack[0], &ok, 1) != 1)
			_exit(2);
		execv(argv[1], argv + 1);
		_exit(127);
	}
	int child_fd, pidfd, listener, status;
	if (read(report[0], &child_fd, sizeof(child_fd)) != sizeof(child_fd))
		return 2;
	pidfd = syscall(SYS_pidfd_open, child, 0);
	listener = pidfd < 0 ? -1 : syscall(SYS_pidfd_getfd, pidfd, child_fd, 0);
	if (listener < 0 || write(ack[1], "k", 1) != 1) {
		perror("pidfd_getfd");
		return 2;
	}
	if (connect_only)
		ioctl(listener, SECCOMP_IOCTL_NOTIF_SET_FLAGS, SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP);
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;
	for (;;) {
		/* the child's pidfd too: the listener reports POLLHUP only once the child is reaped */
		struct pollfd p[2] = {{.fd = listener, .events = POLLIN}, {.fd = pidfd, .events = POLLIN}};
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		if ((p[0].revents & POLLHUP) || (p[1].revents & POLLIN))
			break;
		if (!(p[0].revents & POLLIN))
			continue;
		memset(&req, 0, sizeof(req));
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0)
			continue;
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	}
	if (waitpid(child, &status, 0) < 0)
		return 2;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
