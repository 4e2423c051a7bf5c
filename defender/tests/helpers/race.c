/* race: attacks the exec decision's time-of-check/time-of-use gap — a second thread flips the path
 * between an allowed program and a denied one while the first thread execs it. Prints how each of
 * N attempts ended: ran the allowed program, refused (EPERM), killed (swap caught after the fact),
 * escaped (the denied program ran to its end), other. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char path[256];
static char allowed[256], denied[256];

static void *flipper(void *arg)
{
	(void)arg;
	for (;;) {
		memcpy(path, denied, sizeof(path));
		memcpy(path, allowed, sizeof(path));
	}
	return NULL;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	int ran = 0, refused = 0, killed = 0, escaped = 0, other = 0, n;

	if (argc < 4)
		return 2;
	snprintf(allowed, sizeof(allowed), "%s", argv[1]);
	snprintf(denied, sizeof(denied), "%s", argv[2]);
	n = atoi(argv[3]);
	for (int i = 0; i < n; i++) {
		double started = now();
		int status;
		pid_t pid = fork();

		if (pid == 0) {
			char *args[] = {"target", "2", NULL};
			pthread_t t;
			memcpy(path, allowed, sizeof(path));
			pthread_create(&t, NULL, flipper, NULL);
			execv(path, args);
			_exit(errno == EPERM ? 100 : 101);
		}
		if (pid < 0 || waitpid(pid, &status, 0) < 0)
			return 3;
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
			killed++;
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 100)
			refused++;
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && now() - started > 1.5)
			escaped++;
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			ran++;
		else
			other++;
	}
	printf("ran=%d refused=%d killed=%d escaped=%d other=%d\n", ran, refused, killed, escaped, other);
	return 0;
}
