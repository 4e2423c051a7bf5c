/* supervise: starts the app under the seccomp filter and acts as its PID 1 — answers every trapped
 * call, forwards signals, reaps orphans and reports the app's exit status. */
#include "supervise.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <poll.h>
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
#include "policy.h"
#include "report.h"
#include "util.h"
#include "verify.h"

#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64) /* Linux 6.6 */
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (1UL << 0)
#endif

typedef void (*wd_trap_handler)(int listener, const struct seccomp_notif *req,
				struct seccomp_notif_resp *resp);

struct wd_trap {
	int nr;
	wd_trap_handler handle;
};

static void wd_handle_exec(int listener, const struct seccomp_notif *req,
			   struct seccomp_notif_resp *resp);

/* The calls the supervisor decides; network calls join this table later. */
static const struct wd_trap wd_traps[] = {
	{__NR_execve, wd_handle_exec},
	{__NR_execveat, wd_handle_exec},
};

#if defined(__x86_64__)
/* i386 execve and execveat via int 0x80: refused, never decided */
static const int wd_compat_denied[] = {11, 358};
#else
/* arm32 execve and execveat */
static const int wd_compat_denied[] = {11, 387};
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
static void wd_handle_swapped(pid_t pid)
{
	const struct wd_policy *policy = wd_policy_current();
	const struct wd_rule *rule = policy ? policy->rule : NULL;
	struct wd_decision d;

	if (!rule || !rule->processes.enabled || wd_exec_inspect_running(pid, &wd_info) < 0)
		return;
	wd_policy_decide_exec(rule, &wd_info.facts, &d);
	wd_log("pid %d runs %s, not the file allowed at its exec", (int)pid, wd_info.facts.images[0].path);
	if (d.verdict == WD_VERDICT_ALLOW)
		return;
	wd_report(rule, &d, pid);
	if (d.verdict == WD_VERDICT_PREVENT) {
		kill(pid, SIGKILL);
		atomic_fetch_add(&wd_counters.prevented, 1);
	} else {
		atomic_fetch_add(&wd_counters.alerted, 1);
	}
}

static void wd_allow(struct seccomp_notif_resp *resp)
{
	resp->error = 0;
	resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
}

static void wd_handle_exec(int listener, const struct seccomp_notif *req,
			   struct seccomp_notif_resp *resp)
{
	const struct wd_policy *policy = wd_policy_current();
	const struct wd_rule *rule = policy ? policy->rule : NULL;
	const struct wd_exec_image *runs;
	struct wd_decision d;
	int ret;

	atomic_fetch_add(&wd_counters.execs_seen, 1);
	if (!rule || !rule->processes.enabled) {
		atomic_fetch_add(&wd_counters.allowed, 1);
		wd_allow(resp);
		return;
	}
	ret = wd_exec_inspect(listener, req, &wd_info);
	if (ret < 0) {
		if (wd_exec_is_kernel_error(ret) || ret == -EFAULT)
			resp->error = ret; /* what the kernel would answer: nothing runs either way */
		else if (ret != -ESRCH)
			wd_log("exec by pid %u could not be inspected (%s): denied", req->pid,
			       strerror(-ret));
		return;
	}
	if (wd_info.facts.setuid) {
		atomic_fetch_add(&wd_counters.setuid_execs, 1);
		wd_log("pid %u runs set-user-ID %s: no_new_privs keeps the caller's privileges", req->pid,
		       wd_info.facts.images[0].path);
	}
	wd_policy_decide_exec(rule, &wd_info.facts, &d);
	if (d.verdict != WD_VERDICT_ALLOW)
		wd_report(rule, &d, (pid_t)req->pid);
	switch (d.verdict) {
	case WD_VERDICT_ALLOW:
		atomic_fetch_add(&wd_counters.allowed, 1);
		break;
	case WD_VERDICT_ALERT:
		atomic_fetch_add(&wd_counters.alerted, 1);
		break;
	case WD_VERDICT_PREVENT:
		atomic_fetch_add(&wd_counters.prevented, 1);
		return;
	}
	wd_allow(resp);
	/* for a script the process will run its last interpreter */
	runs = &wd_info.facts.images[wd_info.facts.image_count - 1];
	wd_verify_expect((pid_t)req->pid, runs->dev, runs->ino, wd_handle_swapped);
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
	for (size_t i = 0; i < WD_ARRAY_SIZE(wd_traps); i++) {
		if (wd_traps[i].nr == req->data.nr) {
			wd_traps[i].handle(listener, req, resp);
			break;
		}
	}
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, resp) < 0 && errno != ENOENT)
		wd_log("cannot answer a notification: %s", strerror(errno));
}

static int wd_send_setup(int sock, int err, int fd)
{
	char control[CMSG_SPACE(sizeof(int))] = {0};
	struct iovec iov = {.iov_base = &err, .iov_len = sizeof(err)};
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
	struct cmsghdr *cmsg;

	if (fd >= 0) {
		msg.msg_control = control;
		msg.msg_controllen = sizeof(control);
		cmsg = CMSG_FIRSTHDR(&msg);
		cmsg->cmsg_level = SOL_SOCKET;
		cmsg->cmsg_type = SCM_RIGHTS;
		cmsg->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
	}
	return sendmsg(sock, &msg, MSG_NOSIGNAL) < 0 ? -errno : 0;
}

/* Returns the listener fd, or the child's negative errno from installing the filter. */
static int wd_recv_setup(int sock)
{
	char control[CMSG_SPACE(sizeof(int))] = {0};
	int err = -EPIPE, fd = -1;
	struct iovec iov = {.iov_base = &err, .iov_len = sizeof(err)};
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
			     .msg_controllen = sizeof(control)};
	struct cmsghdr *cmsg;
	ssize_t n;

	do
		n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n != sizeof(err))
		return -EPIPE;
	cmsg = CMSG_FIRSTHDR(&msg);
	if (cmsg && cmsg->cmsg_level == SOL_SOCKET && cmsg->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(cmsg), sizeof(int));
	if (err < 0) {
		if (fd >= 0)
			close(fd);
		return err;
	}
	return fd >= 0 ? fd : -EPROTO;
}

static void __attribute__((noreturn))
wd_child(const struct wd_supervise_config *config, int sock, const sigset_t *old_mask)
{
	struct sock_filter prog[WD_FILTER_MAX];
	int traps[WD_ARRAY_SIZE(wd_traps)];
	int len, fd;

	for (size_t i = 0; i < WD_ARRAY_SIZE(wd_traps); i++)
		traps[i] = wd_traps[i].nr;
	len = wd_filter_build(traps, WD_ARRAY_SIZE(traps), wd_compat_denied,
			      WD_ARRAY_SIZE(wd_compat_denied), prog, WD_ARRAY_SIZE(prog));
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
	listener = wd_recv_setup(sv[0]);
	close(sv[0]);
	if (listener < 0) {
		wd_log("cannot install the seccomp filter (%s): %s", strerror(-listener),
		       config->fail_open ? "running the app UNPROTECTED (--fail-open)"
					 : "refusing to start the app (use --fail-open to run it "
					   "unprotected)");
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
	/* the trapped task waits for us: hand over the CPU directly instead of a normal wakeup
	 * (older kernels refuse the flag and keep the ordinary, slower path) */
	if (listener >= 0)
		ioctl(listener, SECCOMP_IOCTL_NOTIF_SET_FLAGS, SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP);
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
