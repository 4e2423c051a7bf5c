/* exec: turns a trapped execve/execveat into facts — argv from the target's memory, the file the
 * kernel will run (cwd/root/dirfd, symlinks, #! interpreters), modification time, socket stdio. */
#ifndef WD_EXEC_H
#define WD_EXEC_H

#include <linux/seccomp.h>
#include <stdbool.h>
#include <sys/types.h>

#include "policy.h"

#define WD_MAX_ARGS 256
#define WD_MAX_ARG_BYTES 16384
#define WD_MAX_COMMAND 4096

struct wd_exec_info {
	struct wd_exec_facts facts;
	char *argv[WD_MAX_ARGS];
	char arg_bytes[WD_MAX_ARG_BYTES];
	char command[WD_MAX_COMMAND];
};

/* Who ran it, for audits: filled only when a decision needs reporting. */
struct wd_process_info {
	pid_t pid;
	pid_t ppid;
	uid_t uid;
	char parent_path[PATH_MAX];
	char user[64];
};

/* Remembers the start time; files changed after it count as modified binaries. */
void wd_exec_mark_start(void);
/* Some process under the filter may now have another root than the defender (see supervise.c):
 * from then on every exec is resolved through /proc/PID/root. */
void wd_exec_note_root_change(void);
bool wd_exec_roots_may_differ(void);
/* 0 with facts filled; a negative errno the kernel itself would return for this exec (ENOENT,
 * EACCES, ELOOP, ...), or another negative errno when the target could not be inspected. */
int wd_exec_inspect(int notify_fd, const struct seccomp_notif *req, struct wd_exec_info *info);
/* Facts about what `pid` runs now (after an exec completed): /proc/PID/exe and cmdline. */
int wd_exec_inspect_running(pid_t pid, struct wd_exec_info *info);
/* True for errors that the kernel would also have returned, so answering them is exact. */
int wd_exec_is_kernel_error(int err);
void wd_process_describe(pid_t tid, struct wd_process_info *out);

#endif
