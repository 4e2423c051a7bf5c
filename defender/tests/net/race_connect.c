/* race_connect: tries to slip a connection past the check by rewriting the sockaddr from another
 * thread while connect() waits for the defender (the TOCTOU the network gate must not allow).
 * Usage: race_connect ALLOWED-IP ALLOWED-PORT DENIED-IP DENIED-PORT TRIES
 * Prints "connected N refused M"; the test counts what reached the denied address itself. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static struct sockaddr_in target;
static struct sockaddr_in allowed, denied;
static atomic_bool stop;

/* volatile: every store must reach memory, where the defender and the kernel read it */
static void *flipper(void *arg)
{
	volatile uint32_t *ip = &target.sin_addr.s_addr;
	volatile uint16_t *port = &target.sin_port;

	(void)arg;
	while (!atomic_load(&stop)) {
		*ip = denied.sin_addr.s_addr;
		*port = denied.sin_port;
		*ip = allowed.sin_addr.s_addr;
		*port = allowed.sin_port;
	}
	return NULL;
}

static void parse(struct sockaddr_in *sa, const char *ip, const char *port)
{
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_port = htons((unsigned short)atoi(port));
	if (inet_pton(AF_INET, ip, &sa->sin_addr) != 1) {
		fprintf(stderr, "bad address %s\n", ip);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	int connected = 0, refused = 0, tries;
	pthread_t t;

	if (argc != 6) {
		fprintf(stderr, "usage: race_connect ALLOWED-IP PORT DENIED-IP PORT TRIES\n");
		return 2;
	}
	parse(&allowed, argv[1], argv[2]);
	parse(&denied, argv[3], argv[4]);
	tries = atoi(argv[5]);
	target = allowed;
	pthread_create(&t, NULL, flipper, NULL);
	for (int i = 0; i < tries; i++) {
		int fd = socket(AF_INET, SOCK_STREAM, 0);
		if (connect(fd, (struct sockaddr *)&target, sizeof(target)) == 0)
			connected++;
		else
			refused++;
		close(fd);
	}
	atomic_store(&stop, true);
	pthread_join(t, NULL);
	printf("connected %d refused %d\n", connected, refused);
	return 0;
}
