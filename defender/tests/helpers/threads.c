/* threads: a multi-threaded app — each thread spawns PATH repeatedly; prints how many runs
 * succeeded and how many were refused (EPERM), so tests see decisions made for every thread. */
#include <errno.h>
#include <pthread.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

extern char **environ;

static const char *path;
static int runs;
static atomic_int ok, refused, other;

static void *worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < runs; i++) {
		char *argv[] = {(char *)path, NULL};
		pid_t pid;
		int status, err = posix_spawn(&pid, path, NULL, NULL, argv, environ);
		if (err == EPERM) {
			refused++;
			continue;
		}
		if (err || waitpid(pid, &status, 0) < 0) {
			other++;
			continue;
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			ok++;
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			refused++; /* posix_spawn reports exec failures as 127 on some libcs */
		else
			other++;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t[8];
	int n;

	if (argc < 4)
		return 2;
	path = argv[1];
	n = atoi(argv[2]);
	runs = atoi(argv[3]);
	if (n < 1 || n > 8)
		return 2;
	for (int i = 0; i < n; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	printf("ok=%d refused=%d other=%d\n", ok, refused, other);
	return 0;
}
