/* netbench: the two socket hot paths the network gate must not slow down. Prints ns per operation.
 *   netbench connect N   N x (socket, connect to a loopback listener, close)
 *   netbench rr N        N x (send 64 bytes, receive 64 bytes) over one established connection
 * The peer is a forked child, so both ends run under the same supervisor when defended. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static int listener(struct sockaddr_in *addr)
{
	socklen_t len = sizeof(*addr);
	int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(addr, 0, sizeof(*addr));
	addr->sin_family = AF_INET;
	addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)addr, sizeof(*addr)) < 0 || listen(fd, 4096) < 0 ||
	    getsockname(fd, (struct sockaddr *)addr, &len) < 0)
		die("listen");
	return fd;
}

static void full(int fd, char *buf, size_t len, int sending)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = sending ? send(fd, buf + done, len - done, 0)
				    : recv(fd, buf + done, len - done, 0);
		if (n <= 0)
			die(sending ? "send" : "recv");
		done += (size_t)n;
	}
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr;
	char buf[64] = {0};
	long long t0, t1;
	long n;
	int l, fd, one = 1;
	pid_t peer;

	if (argc != 3 || (n = atol(argv[2])) <= 0) {
		fprintf(stderr, "usage: netbench connect|rr N\n");
		return 2;
	}
	l = listener(&addr);
	peer = fork();
	if (peer == 0) {
		/* a main that dies early (a refused connect) must not leave the peer holding stdout */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() == 1)
			_exit(1);
		for (;;) {
			int c = accept(l, NULL, NULL);
			if (c < 0)
				continue;
			if (strcmp(argv[1], "rr") == 0) {
				setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
				for (;;) {
					full(c, buf, sizeof(buf), 0);
					full(c, buf, sizeof(buf), 1);
				}
			}
			close(c);
		}
	}
	close(l);
	if (strcmp(argv[1], "connect") == 0) {
		t0 = now_ns();
		for (long i = 0; i < n; i++) {
			fd = socket(AF_INET, SOCK_STREAM, 0);
			if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0)
				die("connect");
			close(fd);
		}
		t1 = now_ns();
	} else {
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0)
			die("connect");
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		t0 = now_ns();
		for (long i = 0; i < n; i++) {
			full(fd, buf, sizeof(buf), 1);
			full(fd, buf, sizeof(buf), 0);
		}
		t1 = now_ns();
	}
	kill(peer, SIGKILL);
	waitpid(peer, NULL, 0);
	printf("%lld\n", (t1 - t0) / n);
	return 0;
}
