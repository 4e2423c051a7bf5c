/* mounts: tells whether a file sits on a mount that existed when the defender started. A bind
 * mount made later can show any existing, unmodified binary under an allowed name (ctime does not
 * change), so a file on such a mount counts as modified. */
#ifndef WD_MOUNTS_H
#define WD_MOUNTS_H

#include <stdbool.h>
#include <sys/types.h>

/* Remembers the mounts of the defender's namespace (from /proc/self/mountinfo). */
void wd_mounts_mark_start(void);
/* True when the file behind `fd` (opened for process `tid`) is on a mount made after the start:
 * a mount id not seen then, unless it is a copy (same device and root) of a mount seen then, as
 * every mount of a namespace made later with unshare or clone is. False when it cannot tell. */
bool wd_mounts_after_start(int fd, pid_t tid);

#endif
