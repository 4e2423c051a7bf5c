/* loops: the workloads of the defender benchmark, timed from inside so that only the loop counts.
 *   loops spawn N PATH   fork+execve+wait of PATH, N times
 *   loops getppid N      N getppid() system calls (no exec: must run at native speed)
 *   loops copy N         N one-byte read()s from /dev/zero, each written to /dev/null (dd bs=1)
 *   loops rate R S PATH  R execs per second of PATH for S seconds (for the RSS measurement)
 * Prints nanoseconds per operation. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int spawn(const char *path)
{
	char *argv[] = {(char *)path, NULL};
	char *envp[] = {NULL};
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execve(path, argv, envp);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	double start;
	long n;

	if (argc >= 4 && strcmp(argv[1], "spawn") == 0) {
		n = atol(argv[2]);
		start = now();
		for (long i = 0; i < n; i++)
			if (spawn(argv[3]) < 0)
				return 1;
		printf("%.0f\n", (now() - start) / n);
		return 0;
	}
	if (argc >= 3 && strcmp(argv[1], "getppid") == 0) {
		n = atol(argv[2]);
		start = now();
		for (long i = 0; i < n; i++)
			syscall(SYS_getppid);
		printf("%.1f\n", (now() - start) / n);
		return 0;
	}
	if (argc >= 3 && strcmp(argv[1], "copy") == 0) {
		int in = open("/dev/zero", O_RDONLY), out = open("/dev/null", O_WRONLY);
		char byte;
		n = atol(argv[2]);
		start = now();
		for (long i = 0; i < n; i++)
			if (read(in, &byte, 1) != 1 || write(out, &byte, 1) != 1)
				return 1;
		/* per system call, as for getppid */
		printf("%.1f\n", (now() - start) / (2.0 * n));
		return 0;
	}
	if (argc >= 5 && strcmp(argv[1], "rate") == 0) {
		long rate = atol(argv[2]), seconds = atol(argv[3]);
		struct timespec gap = {0, 1000000000L / rate};
		for (long i = 0; i < rate * seconds; i++) {
			if (spawn(argv[4]) < 0)
				return 1;
			nanosleep(&gap, NULL);
		}
		printf("done\n");
		return 0;
	}
	fprintf(stderr, "usage: loops spawn N PATH | getppid N | copy N | rate R S PATH\n");
	return 2;
}
