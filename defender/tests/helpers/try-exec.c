/* try-exec: runs one exec in a chosen way and, when the exec fails, prints the errno name and exits
 * with it — so tests can tell "blocked by the filter" (EPERM) from everything else. */
#include <errno.h>
#include "errname.h"
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

static int fail(const char *what)
{
	int err = errno;

	printf("%s: %s\n", what, errname(err));
	fflush(stdout);
	return err;
}

#if defined(__x86_64__)
/* execve through the i386 entry point; pointers must fit in 32 bits, hence MAP_32BIT. */
static int int80_execve(const char *path)
{
	char *low = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT,
			 -1, 0);
	uint32_t *argv32;
	long ret;

	if (low == MAP_FAILED)
		return fail("mmap");
	strcpy(low, path);
	argv32 = (uint32_t *)(low + 2048);
	argv32[0] = (uint32_t)(uintptr_t)low;
	argv32[1] = 0;
	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(11), "b"((uint32_t)(uintptr_t)low), "c"((uint32_t)(uintptr_t)argv32),
			   "d"((uint32_t)(uintptr_t)(argv32 + 1))
			 : "memory");
	errno = (int)-ret;
	return fail("int80-execve");
}
#endif

int main(int argc, char **argv)
{
	const char *mode;
	int fd;

	if (argc < 3) {
		fprintf(stderr, "usage: try-exec MODE PATH [ARGV0 ARGS...]\n");
		return 2;
	}
	mode = argv[1];
	char **args = argc > 3 ? argv + 3 : argv + 2;
	if (strcmp(mode, "execve") == 0) {
		execve(argv[2], args, environ);
		return fail("execve");
	}
	if (strcmp(mode, "execveat-empty") == 0) {
		fd = open(argv[2], O_PATH | O_CLOEXEC);
		if (fd < 0)
			return fail("open");
		syscall(SYS_execveat, fd, "", args, environ, AT_EMPTY_PATH);
		return fail("execveat");
	}
	if (strcmp(mode, "execveat-dir") == 0) {
		/* PATH is DIR/NAME: exec NAME relative to an fd of DIR */
		char dir[4096];
		char *slash;
		snprintf(dir, sizeof(dir), "%s", argv[2]);
		slash = strrchr(dir, '/');
		if (!slash)
			return 2;
		*slash = '\0';
		fd = open(dir, O_PATH | O_DIRECTORY);
		if (fd < 0)
			return fail("open");
		syscall(SYS_execveat, fd, slash + 1, args, environ, 0);
		return fail("execveat");
	}
	if (strcmp(mode, "fexecve") == 0) {
		fd = open(argv[2], O_RDONLY);
		if (fd < 0)
			return fail("open");
		fexecve(fd, args, environ);
		return fail("fexecve");
	}
	if (strcmp(mode, "procfd") == 0) {
		char path[64];
		fd = open(argv[2], O_RDONLY);
		if (fd < 0)
			return fail("open");
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		execve(path, args, environ);
		return fail("execve");
	}
	if (strcmp(mode, "memfd") == 0) {
		/* fileless: copy the binary into a memfd and run that */
		char buf[65536];
		ssize_t n;
		int src = open(argv[2], O_RDONLY);
		fd = memfd_create("payload", 0);
		if (src < 0 || fd < 0)
			return fail("memfd");
		while ((n = read(src, buf, sizeof(buf))) > 0)
			if (write(fd, buf, (size_t)n) != n)
				return fail("write");
		fexecve(fd, args, environ);
		return fail("fexecve");
	}
#if defined(__x86_64__)
	if (strcmp(mode, "int80") == 0)
		return int80_execve(argv[2]);
#endif
	fprintf(stderr, "unknown mode %s\n", mode);
	return 2;
}
