/* supervise: starts the app under the seccomp filter and acts as its PID 1 — answers every trapped
 * call, forwards signals, reaps orphans and reports the app's exit status. */
#include "supervise.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exec.h"
#include "filter.h"
#include "kernel.h"
#include "netgate.h"
#include "policy.h"
#include "report.h"
#include "util.h"
#include "verify.h"

#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64) /* Linux 6.6 */
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (1UL << 0)
#endif

/* Returns 1 when another thread will answer (a blocking connect still in progress), else 0. */
typedef int (*wd_trap_handler)(int listener, const struct seccomp_notif *req,
			       struct seccomp_notif_resp *resp);

/* When the filter sends a call to the supervisor (see wd_filter_build). */
enum wd_trap_when {
	WD_ALWAYS,
	WD_WITH_ADDRESS, /* the fifth argument (sendto's dest_addr, recvfrom's src_addr) is not NULL */
	WD_WITH_FLAGS,	 /* the first argument has one of `flags` */
	WD_RAW_SOCKETS,	 /* socket(2) for a raw IP or a packet socket */
};

struct wd_trap {
	int nr;
	wd_trap_handler handle;
	enum wd_trap_when when;
	uint32_t flags;
};

static int wd_handle_exec(int listener, const struct seccomp_notif *req,
			  struct seccomp_notif_resp *resp);

static const struct wd_rule *wd_current_rule(void)
{
	const struct wd_policy *policy = wd_policy_current();

	return policy ? policy->rule : NULL;
}

/* The network handlers take the rule the supervisor holds right now. */
#define WD_NET_TRAP(name)                                                                          \
	static int wd_trap_##name(int listener, const struct seccomp_notif *req,                   \
				  struct seccomp_notif_resp *resp)                                 \
	{                                                                                          \
		return wd_net_handle_##name(listener, req, resp, wd_current_rule());               \
	}
WD_NET_TRAP(bind)
WD_NET_TRAP(listen)
WD_NET_TRAP(connect)
WD_NET_TRAP(sendto)
WD_NET_TRAP(sendmsg)
WD_NET_TRAP(sendmmsg)
WD_NET_TRAP(recvfrom)
WD_NET_TRAP(socket)

static int wd_handle_root_change(int listener, const struct seccomp_notif *req,
				 struct seccomp_notif_resp *resp);

/* The calls the supervisor decides. chroot, pivot_root, setns, unshare and clone with a new mount
 * namespace can give a process another root or mounts: rare, and noted so that execs are resolved
 * in the target's own root. A plain send/recv without an address stays native, and so does the
 * creation of any socket but a raw IP or packet one, which could reach any address. */
static const struct wd_trap wd_traps[] = {
	{__NR_execve, wd_handle_exec, WD_ALWAYS, 0},
	{__NR_execveat, wd_handle_exec, WD_ALWAYS, 0},
	{__NR_bind, wd_trap_bind, WD_ALWAYS, 0},
	{__NR_listen, wd_trap_listen, WD_ALWAYS, 0},
	{__NR_connect, wd_trap_connect, WD_ALWAYS, 0},
	{__NR_sendmsg, wd_trap_sendmsg, WD_ALWAYS, 0},
	{__NR_sendmmsg, wd_trap_sendmmsg, WD_ALWAYS, 0},
	{__NR_sendto, wd_trap_sendto, WD_WITH_ADDRESS, 0},
	{__NR_recvfrom, wd_trap_recvfrom, WD_WITH_ADDRESS, 0},
	{__NR_socket, wd_trap_socket, WD_RAW_SOCKETS, 0},
	{__NR_chroot, wd_handle_root_change, WD_ALWAYS, 0},
	{__NR_pivot_root, wd_handle_root_change, WD_ALWAYS, 0},
	{__NR_setns, wd_handle_root_change, WD_ALWAYS, 0},
	{__NR_unshare, wd_handle_root_change, WD_ALWAYS, 0},
	{__NR_clone, wd_handle_root_change, WD_WITH_FLAGS, CLONE_NEWNS},
};

/* Refused as if the kernel lacked them:
 * - clone3 keeps its flags behind a pointer: libc falls back to clone, whose flags the filter reads;
 * - io_uring runs connect, bind, listen, sendmsg and socket itself, without those system calls, so
 *   the network rules would never see them (Docker's default profile refuses it too); programs
 *   that use it for I/O fall back to plain system calls on ENOSYS. */
static const int wd_enosys[] = {__NR_clone3, __NR_io_uring_setup, __NR_io_uring_enter,
				__NR_io_uring_register};

#if defined(__x86_64__)
/* i386 via int 0x80: execve, execveat, socketcall and the direct socket calls (bind, connect,
 * listen, sendto, sendmsg, sendmmsg, recvfrom), the root and namespace changes (chroot,
 * pivot_root, setns, unshare, clone, clone3) and io_uring (setup, enter, register) are refused,
 * never decided */
static const int wd_compat_denied[] = {11,  358, 102, 361, 362, 363, 369, 370, 345, 371,
				       61,  217, 346, 310, 120, 435, 425, 426, 427};
#else
/* arm32: execve, execveat, bind, connect, listen, sendto, sendmsg, sendmmsg, recvfrom, chroot,
 * pivot_root, setns, unshare, clone, clone3, io_uring_setup, io_uring_enter, io_uring_register */
static const int wd_compat_denied[] = {11,  387, 282, 283, 284, 290, 296, 374, 292,
				       61,  218, 375, 337, 120, 435, 425, 426, 427};
#endif

static const int wd_forwarded[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH};

static struct wd_exec_info wd_info; /* large; the supervisor is single-threaded */

static void wd_report(const struct wd_rule *rule, const struct wd_decision *d, pid_t pid)
{
	struct wd_process_info proc;

	wd_process_describe(pid, &proc);
	if (wd_report_exec(rule, &wd_info.facts, d, &proc) < 0)
		atomic_fetch_add(&wd_counters.audits_dropped, 1);
	wd_log("%s %s (%s): %s", d->verdict == WD_VERDICT_PREVENT ? "prevented" : "alert",
	       wd_info.facts.images[d->image].path, wd_reason_name(d->reason), wd_info.facts.command);
}

/* An exec that was let through ran another file (its path was rewritten after the decision):
 * decide again on what really runs, and kill it when the rule prevents it. */
static bool wd_handle_swapped(pid_t pid)
{
	const struct wd_rule *rule = wd_current_rule();
	struct wd_decision d;

	if (!rule || !rule->processes.enabled || wd_exec_inspect_running(pid, &wd_info) < 0)
		return false;
	wd_policy_decide_exec(rule, &wd_info.facts, &d);
	wd_log("pid %d runs %s, not the file allowed at its exec", (int)pid, wd_info.facts.images[0].path);
	if (d.verdict == WD_VERDICT_ALLOW)
		return false;
	wd_report(rule, &d, pid);
	wd_count_verdict(d.verdict);
	if (d.verdict != WD_VERDICT_PREVENT)
		return false;
	kill(pid, SIGKILL);
	return true;
}

static void wd_allow(struct seccomp_notif_resp *resp)
{
	resp->error = 0;
	resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
}

/* chroot, pivot_root, setns, unshare, clone(CLONE_NEWNS): from now on a process may see another
 * root, so every exec is resolved through /proc/PID/root (until then the defender's own root is
 * the target's, which saves a /proc lookup per exec). Noted before the call goes on. */
static int wd_handle_root_change(int listener, const struct seccomp_notif *req,
				 struct seccomp_notif_resp *resp)
{
	(void)listener;
	if (!wd_exec_roots_may_differ())
		wd_log("pid %u changes its root or namespaces (syscall %d): execs are resolved in "
		       "each process's own root from now on", req->pid, req->data.nr);
	wd_exec_note_root_change();
	wd_allow(resp);
	return 0;
}

static int wd_handle_exec(int listener, const struct seccomp_notif *req,
			  struct seccomp_notif_resp *resp)
{
	const struct wd_rule *rule = wd_current_rule();
	const struct wd_exec_image *runs;
	struct wd_decision d;
	int ret;

	atomic_fetch_add(&wd_counters.execs_seen, 1);
	if (!rule || !rule->processes.enabled) {
		atomic_fetch_add(&wd_counters.allowed, 1);
		wd_allow(resp);
		return 0;
	}
	ret = wd_exec_inspect(listener, req, &wd_info);
	if (ret < 0) {
		if (wd_exec_is_kernel_error(ret) || ret == -EFAULT)
			resp->error = ret; /* what the kernel would answer: nothing runs either way */
		else if (ret != -ESRCH)
			wd_log("exec by pid %u could not be inspected (%s): denied", req->pid,
			       strerror(-ret));
		return 0;
	}
	if (wd_info.facts.setuid) {
		atomic_fetch_add(&wd_counters.setuid_execs, 1);
		wd_log("pid %u runs set-user-ID %s: no_new_privs keeps the caller's privileges", req->pid,
		       wd_info.facts.images[0].path);
	}
	wd_policy_decide_exec(rule, &wd_info.facts, &d);
	if (d.verdict != WD_VERDICT_ALLOW)
		wd_report(rule, &d, (pid_t)req->pid);
	wd_count_verdict(d.verdict);
	if (d.verdict == WD_VERDICT_PREVENT)
		return 0;
	wd_allow(resp);
	/* for a script the process will run its last interpreter */
	runs = &wd_info.facts.images[wd_info.facts.image_count - 1];
	wd_verify_expect((pid_t)req->pid, runs->dev, runs->ino, wd_handle_swapped);
	return 0;
}

/* How the kernel wakes the supervisor and, after the answer, the trapped task. With
 * SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (Linux 6.6) each hands the CPU straight to the other: a
 * loopback connect+close measured 1.38x bare with it and 1.56x without (an enforcing rule: 1.85x
 * and 3.9x). A fork+exec measured 1.43x with it and 1.26x without, under the normal scheduler: the
 * new program is better started on the other CPU. So the mode follows the kind of call just
 * decided; it changes with one ioctl, only when the kind changes. Older kernels keep ordinary
 * wakeups. */
static void wd_wakeups_follow(int listener, bool exec)
{
	static int mode = -1;

	if (mode == !exec || !wd_kernel.sync_wake_up)
		return;
	mode = !exec;
	ioctl(listener, SECCOMP_IOCTL_NOTIF_SET_FLAGS, exec ? 0UL : SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP);
}

/* Receives one notification and always answers it; the default answer is EPERM. */
static void wd_serve_one(int listener, struct seccomp_notif *req, struct seccomp_notif_resp *resp,
			 size_t req_size, size_t resp_size)
{
	memset(req, 0, req_size);
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, req) < 0)
		return; /* EINTR, or ENOENT: the caller died before we looked */
	memset(resp, 0, resp_size);
	resp->id = req->id;
	resp->error = -EPERM;
	bool exec = req->data.nr == __NR_execve || req->data.nr == __NR_execveat;
	/* an exec settles the process's previous one itself (wd_verify_expect); any other call from a
	 * process whose exec is still being checked is held until that check is done */
	if (!exec && wd_verify_settle((pid_t)req->pid, wd_handle_swapped))
		goto answer; /* killed: the call fails with EPERM */
	for (size_t i = 0; i < WD_ARRAY_SIZE(wd_traps); i++)
		if (wd_traps[i].nr == req->data.nr && wd_traps[i].handle(listener, req, resp))
			return; /* answered by the thread it was handed to */
answer:
	wd_wakeups_follow(listener, exec);
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, resp) < 0 && errno != ENOENT)
		wd_log("cannot answer a notification: %s", strerror(errno));
}

/* The child reports the listener's fd number with write(): sendmsg is trapped by then, and nobody
 * would answer it before the supervisor holds the listener. The supervisor takes the fd with
 * pidfd_getfd and acknowledges, and only then does the child close its copy. */
struct wd_setup {
	int err;
	int fd;
};

static void wd_send_setup(int sock, int err, int fd)
{
	struct wd_setup msg = {.err = err, .fd = fd};
	char ack;

	if (write(sock, &msg, sizeof(msg)) == sizeof(msg) && fd >= 0)
		while (read(sock, &ack, 1) < 0 && errno == EINTR)
			;
}

/* Returns the listener fd, or the child's negative errno from installing the filter. */
static int wd_recv_setup(int sock, pid_t child)
{
	struct wd_setup msg = {.err = -EPIPE, .fd = -1};
	int pidfd, fd;
	ssize_t n;

	do
		n = read(sock, &msg, sizeof(msg));
	while (n < 0 && errno == EINTR);
	if (n != sizeof(msg))
		return -EPIPE;
	if (msg.err < 0)
		return msg.err;
	pidfd = (int)syscall(SYS_pidfd_open, child, 0);
	if (pidfd < 0)
		return -errno;
	fd = (int)syscall(SYS_pidfd_getfd, pidfd, msg.fd, 0);
	fd = fd < 0 ? -errno : fd;
	close(pidfd);
	if (write(sock, "k", 1) != 1 && fd >= 0) {
		close(fd);
		return -EPIPE;
	}
	return fd;
}

int wd_supervise_filter(struct sock_filter *prog, size_t cap)
{
	int traps[WD_ARRAY_SIZE(wd_traps)], addr_traps[WD_ARRAY_SIZE(wd_traps)];
	int raw_socket_traps[WD_ARRAY_SIZE(wd_traps)];
	struct wd_flag_trap flag_traps[WD_ARRAY_SIZE(wd_traps)];
	struct wd_filter_spec spec = {
		.traps = traps,
		.addr_traps = addr_traps,
		.flag_traps = flag_traps,
		.raw_socket_traps = raw_socket_traps,
		.enosys = wd_enosys,
		.enosys_count = WD_ARRAY_SIZE(wd_enosys),
		.compat_denied = wd_compat_denied,
		.compat_count = WD_ARRAY_SIZE(wd_compat_denied),
	};

	for (size_t i = 0; i < WD_ARRAY_SIZE(wd_traps); i++) {
		const struct wd_trap *t = &wd_traps[i];
		if (t->when == WD_WITH_ADDRESS)
			addr_traps[spec.addr_trap_count++] = t->nr;
		else if (t->when == WD_WITH_FLAGS)
			flag_traps[spec.flag_trap_count++] = (struct wd_flag_trap){t->nr, t->flags};
		else if (t->when == WD_RAW_SOCKETS)
			raw_socket_traps[spec.raw_socket_trap_count++] = t->nr;
		else
			traps[spec.trap_count++] = t->nr;
	}
	return wd_filter_build(&spec, prog, cap);
}

static void __attribute__((noreturn))
wd_child(const struct wd_supervise_config *config, int sock, const sigset_t *old_mask)
{
	struct sock_filter prog[WD_FILTER_MAX];
	int len = wd_supervise_filter(prog, WD_ARRAY_SIZE(prog)), fd;

	if (config->unprotected)
		fd = -EOPNOTSUPP;
	else
		fd = len < 0 ? len : wd_filter_install(prog, (size_t)len);
	wd_send_setup(sock, fd < 0 ? fd : 0, fd);
	/* the app must never hold the listener: it could answer its own notifications */
	if (fd >= 0)
		close(fd);
	close(sock);
	if (fd < 0 && !config->fail_open)
		_exit(WD_EXIT_FILTER_FAILED);
	sigprocmask(SIG_SETMASK, old_mask, NULL);
	execvp(config->argv[0], config->argv);
	wd_log("cannot run %s: %s", config->argv[0], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

static int wd_exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 255;
}

/* Reaps every exited descendant; returns true once the app itself has been reaped. */
static bool wd_reap(pid_t app, int *app_status)
{
	bool app_done = false;
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (pid == app) {
			*app_status = wd_exit_code(status);
			app_done = true;
		}
	}
	return app_done;
}

static size_t wd_max(size_t a, size_t b)
{
	return a > b ? a : b;
}

int wd_supervise(const struct wd_supervise_config *config, bool *failed_open,
		 void (*on_started)(bool failed_open))
{
	struct seccomp_notif_sizes sizes = {0};
	struct seccomp_notif *req = NULL;
	struct seccomp_notif_resp *resp = NULL;
	size_t req_size, resp_size;
	sigset_t mask, old_mask;
	int sv[2], listener, sigfd, app_status = 255, ret;
	pid_t app;

	*failed_open = false;
	if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) < 0)
		memset(&sizes, 0, sizeof(sizes));
	req_size = wd_max(sizes.seccomp_notif, sizeof(*req));
	resp_size = wd_max(sizes.seccomp_notif_resp, sizeof(*resp));
	req = calloc(1, req_size);
	resp = calloc(1, resp_size);
	if (!req || !resp) {
		ret = -ENOMEM;
		goto out_free;
	}

	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	for (size_t i = 0; i < WD_ARRAY_SIZE(wd_forwarded); i++)
		sigaddset(&mask, wd_forwarded[i]);
	/* blocked before fork so no signal is lost between fork and signalfd */
	sigprocmask(SIG_BLOCK, &mask, &old_mask);
	sigfd = signalfd(-1, &mask, SFD_CLOEXEC);
	if (sigfd < 0) {
		ret = -errno;
		goto out_mask;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		ret = -errno;
		goto out_sigfd;
	}
	if (getpid() != 1)
		prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); /* orphans come to us as to a PID 1 */
	app = fork();
	if (app < 0) {
		ret = -errno;
		close(sv[0]);
		close(sv[1]);
		goto out_sigfd;
	}
	if (app == 0) {
		close(sv[0]);
		close(sigfd);
		wd_child(config, sv[1], &old_mask);
	}
	close(sv[1]);
	/* no ptrace, no /proc/PID/mem of the defender for anyone running as the same user */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	listener = wd_recv_setup(sv[0], app);
	close(sv[0]);
	if (listener < 0 && !config->unprotected)
		wd_log("cannot install the seccomp filter (%s): %s", strerror(-listener),
		       config->fail_open ? "running the app UNPROTECTED (--fail-open)"
					 : "refusing to start the app (use --fail-open to run it "
					   "unprotected)");
	if (listener < 0) {
		if (!config->fail_open) {
			waitpid(app, NULL, 0);
			ret = WD_EXIT_FILTER_FAILED;
			goto out_sigfd;
		}
		*failed_open = true;
	}
	/* every trapped call waits for this thread: on a busy machine it should not queue behind the
	 * app's own work (needs CAP_SYS_NICE; without it the call fails and nothing changes) */
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), -10);
	if (listener >= 0)
		wd_wakeups_follow(listener, false);
	if (on_started)
		on_started(*failed_open);

	for (;;) {
		struct pollfd pfd[2] = {{.fd = sigfd, .events = POLLIN},
					{.fd = listener, .events = POLLIN}};
		int n = poll(pfd, listener >= 0 ? 2 : 1, wd_verify_poll_timeout());

		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			break;
		}
		if (listener >= 0 && (pfd[1].revents & POLLIN))
			wd_serve_one(listener, req, resp, req_size, resp_size);
		else if (listener >= 0 && (pfd[1].revents & (POLLHUP | POLLERR))) {
			close(listener); /* no process is left under the filter */
			listener = -1;
		}
		wd_verify_check(wd_handle_swapped);
		if (pfd[0].revents & POLLIN) {
			struct signalfd_siginfo si;
			if (read(sigfd, &si, sizeof(si)) != sizeof(si))
				continue;
			if (si.ssi_signo != SIGCHLD) {
				kill(app, (int)si.ssi_signo);
				continue;
			}
			if (wd_reap(app, &app_status)) {
				ret = app_status;
				break;
			}
		}
	}
	if (listener >= 0)
		close(listener);
out_sigfd:
	close(sigfd);
out_mask:
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
out_free:
	free(req);
	free(resp);
	return ret;
}
