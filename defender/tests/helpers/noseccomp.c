/* noseccomp: runs a command where seccomp() fails with ENOSYS, as on a kernel without seccomp or
 * under a runtime that blocks it — to test that the defender refuses to start (or fails open).
 * `noseccomp --pidfd-getfd CMD...` refuses pidfd_getfd with EPERM instead, as Docker's and
 * containerd's default profiles do without CAP_SYS_PTRACE. */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int getfd = argc > 1 && strcmp(argv[1], "--pidfd-getfd") == 0;
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, getfd ? __NR_pidfd_getfd : __NR_seccomp, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (getfd ? EPERM : ENOSYS)),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {.len = sizeof(f) / sizeof(f[0]), .filter = f};

	argc -= getfd;
	argv += getfd;
	if (argc < 2)
		return 2;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0) {
		perror("noseccomp");
		return 3;
	}
	execv(argv[1], argv + 1);
	perror("execv");
	return 127;
}
