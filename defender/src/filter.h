/* filter: builds the seccomp BPF program — native trapped syscalls go to the supervisor, compat
 * (i386, x32) entry points to the same calls fail, everything else runs untouched. */
#ifndef WD_FILTER_H
#define WD_FILTER_H

#include <linux/filter.h>
#include <stddef.h>

#define WD_FILTER_MAX 64

/* `traps`: native syscall numbers answered by the supervisor; `addr_traps`: native numbers trapped
 * only when their fifth argument (sendto's dest_addr, recvfrom's src_addr) is not NULL;
 * `compat_denied`: i386 numbers that fail with EPERM (the supervisor only decides native calls).
 * Returns the program length. */
int wd_filter_build(const int *traps, size_t trap_count, const int *addr_traps,
		    size_t addr_trap_count, const int *compat_denied, size_t compat_count,
		    struct sock_filter *out, size_t cap);
/* Installs the filter with a user-notification listener and returns the listener fd. */
int wd_filter_install(const struct sock_filter *prog, size_t len);

#endif
