/* filter: builds the seccomp BPF program — native trapped syscalls go to the supervisor, compat
 * (i386, x32) entry points to the same calls fail, everything else runs untouched. */
#include "filter.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define WD_ARCH_NATIVE AUDIT_ARCH_X86_64
#define WD_ARCH_COMPAT AUDIT_ARCH_I386
#define WD_X32_BIT 0x40000000U
#elif defined(__aarch64__)
#define WD_ARCH_NATIVE AUDIT_ARCH_AARCH64
#define WD_ARCH_COMPAT AUDIT_ARCH_ARM
#else
#error "ward-defender supports x86_64 and aarch64"
#endif

#define WD_LD_ARCH (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch))
#define WD_LD_NR (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr))

/* args[4] of the call, 32 bits at a time (both supported architectures are little-endian) */
#define WD_ARG4_LO offsetof(struct seccomp_data, args[4])
#define WD_ARG4_HI (offsetof(struct seccomp_data, args[4]) + 4)

int wd_filter_build(const int *traps, size_t trap_count, const int *addr_traps,
		    size_t addr_trap_count, const int *compat_denied, size_t compat_count,
		    struct sock_filter *out, size_t cap)
{
	size_t n = 0, native_len, compat_len, check_len = addr_trap_count ? 4 : 0;

	/* nr load, x32 check, traps, address traps, jump to allow, args[4] check, allow, notify */
	native_len = 1 + 2 + trap_count + addr_trap_count + 1 + check_len + 2;
	compat_len = 2 + 1 + compat_count + 2; /* compat check + kill, nr load, denied, allow, errno */
	if (2 + native_len + compat_len > cap || native_len > 255 || compat_len > 255)
		return -E2BIG;

	out[n++] = WD_LD_ARCH;
	/* not native: jump over the native block to the compat block */
	out[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, WD_ARCH_NATIVE, 0,
						(unsigned char)native_len);
	out[n++] = WD_LD_NR;
#ifdef WD_X32_BIT
	/* x32 shares the x86_64 arch value: every x32 call is refused rather than audited */
	out[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, WD_X32_BIT, 0, 1);
	out[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM);
#else
	out[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JA, 0, 0, 0);
	out[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JA, 0, 0, 0);
#endif
	for (size_t i = 0; i < trap_count; i++)
		out[n++] = (struct sock_filter)BPF_JUMP(
			BPF_JMP | BPF_JEQ | BPF_K, (unsigned)traps[i],
			(unsigned char)(trap_count - i - 1 + addr_trap_count + 1 + check_len + 1), 0);
	for (size_t i = 0; i < addr_trap_count; i++)
		out[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
							(unsigned)addr_traps[i],
							(unsigned char)(addr_trap_count - i), 0);
	out[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JA, (unsigned)check_len, 0, 0);
	if (check_len) {
		/* an address traps the call; NULL (a connected socket's send/recv) runs untouched */
		out[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, WD_ARG4_LO);
		out[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 3);
		out[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, WD_ARG4_HI);
		out[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1);
	}
	out[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	out[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF);

	/* compat block: any other architecture is killed outright */
	out[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, WD_ARCH_COMPAT, 1, 0);
	out[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
	out[n++] = WD_LD_NR;
	for (size_t i = 0; i < compat_count; i++)
		out[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
							(unsigned)compat_denied[i],
							(unsigned char)(compat_count - i), 0);
	out[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	out[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM);
	return (int)n;
}

int wd_filter_install(const struct sock_filter *prog, size_t len)
{
	struct sock_fprog fprog = {.len = (unsigned short)len, .filter = (struct sock_filter *)prog};
	int fd;

	/* required for an unprivileged filter; also keeps setuid binaries from gaining privilege */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER,
			  &fprog);
	if (fd < 0)
		return -errno;
	return fd;
}
