/* verify: after an exec was let through, checks that the process really runs the file that was
 * decided on — another thread may rewrite the path between the decision and the kernel's read
 * (the documented limit of SECCOMP_USER_NOTIF_FLAG_CONTINUE). */
#ifndef WD_VERIFY_H
#define WD_VERIFY_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* Told a process runs another file than the one decided on; true when it was stopped (killed). */
typedef bool (*wd_on_swapped)(pid_t pid);

/* Remembers what the task `tid` is expected to run once its exec completes; first settles the
 * previous exec of the same process (calling on_swapped when it ran something else). */
void wd_verify_expect(pid_t tid, uint64_t dev, uint64_t ino, wd_on_swapped on_swapped);
/* Another trapped call (a connect, a bind...) from task `tid`: if its process has an exec still
 * being checked, it is checked now, before the call is answered, so a swapped program is stopped
 * at its first such call however soon it would exit. True when the process was stopped, now or
 * by an earlier check (the call must then be refused, not performed). */
bool wd_verify_settle(pid_t tid, wd_on_swapped on_swapped);
/* How long the supervisor may sleep before the next check: -1 when nothing is pending. */
int wd_verify_poll_timeout(void);
/* Calls on_swapped(pid) for each process found running another file than the one decided on. */
void wd_verify_check(wd_on_swapped on_swapped);

#endif
