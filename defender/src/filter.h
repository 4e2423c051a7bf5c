/* filter: builds the seccomp BPF program — native trapped syscalls go to the supervisor, compat
 * (i386, x32) entry points to the same calls fail, everything else runs untouched. */
#ifndef WD_FILTER_H
#define WD_FILTER_H

#include <linux/filter.h>
#include <stddef.h>
#include <stdint.h>

#define WD_FILTER_MAX 96

/* A native call trapped only when its first argument has one of `mask`'s bits (clone's flags). */
struct wd_flag_trap {
	int nr;
	uint32_t mask;
};

struct wd_filter_spec {
	const int *traps; /* native syscall numbers always answered by the supervisor */
	size_t trap_count;
	const int *addr_traps; /* trapped only when the fifth argument (sendto's dest_addr,
				* recvfrom's src_addr) is not NULL */
	size_t addr_trap_count;
	const struct wd_flag_trap *flag_traps;
	size_t flag_trap_count;
	const int *raw_socket_traps; /* socket(2): trapped only for raw IP and packet sockets */
	size_t raw_socket_trap_count;
	const int *enosys; /* native calls that fail with ENOSYS without asking (clone3: its flags
			    * are behind a pointer, so libc falls back to clone, whose are not) */
	size_t enosys_count;
	const int *compat_denied; /* i386 numbers that fail with EPERM: only native calls are decided */
	size_t compat_count;
};

/* Returns the program length, or -E2BIG when it does not fit in `cap` or in 8-bit jumps. Every
 * call the program lets through is decided by its number alone, so the kernel's seccomp action
 * cache lets it through without running the program. */
int wd_filter_build(const struct wd_filter_spec *spec, struct sock_filter *out, size_t cap);
/* Installs the filter with a user-notification listener and returns the listener fd. */
int wd_filter_install(const struct sock_filter *prog, size_t len);

#endif
