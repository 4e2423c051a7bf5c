/* filter: builds the seccomp BPF program — native trapped syscalls go to the supervisor, compat
 * (i386, x32) entry points to the same calls fail, everything else runs untouched. */
#include "filter.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/socket.h>
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

/* args[N] of the call, 32 bits at a time (both supported architectures are little-endian) */
#define WD_ARG_LO(n) offsetof(struct seccomp_data, args[n])
#define WD_ARG_HI(n) (offsetof(struct seccomp_data, args[n]) + 4)

/* Jumps are forward and 8-bit: the offset from the instruction after `at` to `target`. */
static int wd_jump(size_t at, size_t target, unsigned char *off)
{
	if (target <= at || target - at - 1 > 255)
		return -1;
	*off = (unsigned char)(target - at - 1);
	return 0;
}

#define WD_JUMP(at, target, field)                                                                 \
	do {                                                                                       \
		if (wd_jump((at), (target), &(field)) < 0)                                         \
			return -E2BIG;                                                             \
	} while (0)

/* One JEQ per call number in `nrs`, each jumping to `target` when it matches; returns the index
 * after them, or -E2BIG when a jump does not fit. */
static int wd_jeq_each(struct sock_filter *out, size_t n, const int *nrs, size_t count, size_t target)
{
	for (size_t i = 0; i < count; i++, n++) {
		out[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nrs[i], 0, 0);
		WD_JUMP(n, target, out[n].jt);
	}
	return (int)n;
}

#define WD_JEQ_EACH(nrs, count, target)                                                            \
	do {                                                                                       \
		int next = wd_jeq_each(out, n, (nrs), (count), (target));                          \
		if (next < 0)                                                                      \
			return next;                                                               \
		n = (size_t)next;                                                                  \
	} while (0)

#define WD_RAW_CHECK_LEN 8
#ifndef SOCK_PACKET
#define SOCK_PACKET 10
#endif

/* Layout of the native block: arch and nr loads, the x32 refusal, one JEQ per listed call (in the
 * order traps, address traps, flag traps, raw-socket traps, ENOSYS), "allow" for everything else,
 * then the argument checks of the conditional traps and the shared returns. */
int wd_filter_build(const struct wd_filter_spec *sp, struct sock_filter *out, size_t cap)
{
	size_t chain = 5, chain_len = sp->trap_count + sp->addr_trap_count + sp->flag_trap_count +
				       sp->raw_socket_trap_count + sp->enosys_count;
	size_t addr_check = chain + chain_len + 1, addr_len = sp->addr_trap_count ? 4 : 0;
	size_t flag_check = addr_check + addr_len, raw_check = flag_check + 2 * sp->flag_trap_count;
	size_t raw_len = sp->raw_socket_trap_count ? WD_RAW_CHECK_LEN : 0, allow = raw_check + raw_len;
	size_t notify = allow + 1, enosys = notify + 1, compat = enosys + 1;
	size_t end = compat + 3 + sp->compat_count + 2, n = 0;

	if (end > cap)
		return -E2BIG;
	out[n++] = WD_LD_ARCH;
	/* not native: on to the compat block */
	out[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, WD_ARCH_NATIVE, 0, 0);
	WD_JUMP(n, compat, out[n].jf);
	n++;
	out[n++] = WD_LD_NR;
#ifdef WD_X32_BIT
	/* x32 shares the x86_64 arch value: every x32 call is refused rather than audited */
	out[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, WD_X32_BIT, 0, 1);
	out[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM);
#else
	out[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JA, 0, 0, 0);
	out[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JA, 0, 0, 0);
#endif
	WD_JEQ_EACH(sp->traps, sp->trap_count, notify);
	WD_JEQ_EACH(sp->addr_traps, sp->addr_trap_count, addr_check);
	for (size_t i = 0; i < sp->flag_trap_count; i++, n++) {
		out[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
						      (unsigned)sp->flag_traps[i].nr, 0, 0);
		WD_JUMP(n, flag_check + 2 * i, out[n].jt);
	}
	WD_JEQ_EACH(sp->raw_socket_traps, sp->raw_socket_trap_count, raw_check);
	WD_JEQ_EACH(sp->enosys, sp->enosys_count, enosys);
	out[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	if (addr_len) {
		/* an address traps the call; NULL (a connected socket's send/recv) runs untouched */
		out[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, WD_ARG_LO(4));
		out[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 0);
		WD_JUMP(n, notify, out[n].jf);
		n++;
		out[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, WD_ARG_HI(4));
		out[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 0);
		WD_JUMP(n, allow, out[n].jt);
		WD_JUMP(n, notify, out[n].jf);
		n++;
	}
	for (size_t i = 0; i < sp->flag_trap_count; i++) {
		out[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, WD_ARG_LO(0));
		out[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K,
						      sp->flag_traps[i].mask, 0, 0);
		WD_JUMP(n, notify, out[n].jt);
		WD_JUMP(n, allow, out[n].jf);
		n++;
	}
	if (raw_len) {
		/* a packet socket, or a raw one of the internet families, can reach any address with
		 * any port (the kernel reads both arguments as int: the low halves are what it uses) */
		out[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, WD_ARG_LO(0));
		out[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_PACKET, 0, 0);
		WD_JUMP(n, notify, out[n].jt);
		n++;
		out[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_INET, 1, 0);
		out[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_INET6, 0, 0);
		WD_JUMP(n, allow, out[n].jf);
		n++;
		out[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, WD_ARG_LO(1));
		/* the type without SOCK_NONBLOCK / SOCK_CLOEXEC (the kernel's SOCK_TYPE_MASK) */
		out[n++] = (struct sock_filter)BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xf);
		out[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SOCK_RAW, 0, 0);
		WD_JUMP(n, notify, out[n].jt);
		n++;
		out[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SOCK_PACKET, 0, 0);
		WD_JUMP(n, notify, out[n].jt);
		WD_JUMP(n, allow, out[n].jf);
		n++;
	}
	out[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	out[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF);
	out[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS);

	/* compat block: any other architecture is killed outright */
	out[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, WD_ARCH_COMPAT, 1, 0);
	out[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
	out[n++] = WD_LD_NR;
	WD_JEQ_EACH(sp->compat_denied, sp->compat_count, end - 1);
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
	/* SPEC_ALLOW: on kernels booted with spec_store_bypass_disable=seccomp (the default before
	 * 5.16) a filter would also force speculation mitigations on the app, slowing every process
	 * under Ward, as if it were a sandbox of untrusted code; it is not, and newer kernels leave
	 * that choice to prctl (systemd passes the same flag). Kernels before 4.17 refuse the flag. */
	fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
			  SECCOMP_FILTER_FLAG_NEW_LISTENER | SECCOMP_FILTER_FLAG_SPEC_ALLOW, &fprog);
	if (fd < 0 && errno == EINVAL)
		fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
				  SECCOMP_FILTER_FLAG_NEW_LISTENER, &fprog);
	if (fd < 0)
		return -errno;
	return fd;
}
