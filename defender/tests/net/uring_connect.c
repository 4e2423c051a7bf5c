/* uring_connect: connects a TCP socket to IP:PORT through io_uring (IORING_OP_CONNECT), which does
 * not pass through the connect system call, and prints "connected", or where it failed and the
 * errno name. Without liburing: the rings are mapped by hand. */
#include <errno.h>
#include <arpa/inet.h>
#include <linux/io_uring.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../helpers/errname.h"

static int fail(const char *what, int err)
{
	printf("%s: %s\n", what, errname(err));
	return 1;
}

int main(int argc, char **argv)
{
	struct io_uring_params p;
	struct sockaddr_in to = {.sin_family = AF_INET};
	int ring, sock;

	if (argc != 3 || inet_pton(AF_INET, argv[1], &to.sin_addr) != 1)
		return 2;
	to.sin_port = htons((unsigned short)atoi(argv[2]));
	sock = socket(AF_INET, SOCK_STREAM, 0);
	memset(&p, 0, sizeof(p));
	ring = (int)syscall(__NR_io_uring_setup, 4, &p);
	if (ring < 0)
		return fail("io_uring_setup", errno);
	size_t sq_len = p.sq_off.array + p.sq_entries * sizeof(unsigned);
	size_t cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	char *sq = mmap(NULL, sq_len, PROT_READ | PROT_WRITE, MAP_SHARED, ring, IORING_OFF_SQ_RING);
	char *cq = mmap(NULL, cq_len, PROT_READ | PROT_WRITE, MAP_SHARED, ring, IORING_OFF_CQ_RING);
	struct io_uring_sqe *sqes = mmap(NULL, p.sq_entries * sizeof(*sqes), PROT_READ | PROT_WRITE,
					 MAP_SHARED, ring, IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || sqes == MAP_FAILED)
		return fail("mmap", errno);
	unsigned *tail = (unsigned *)(sq + p.sq_off.tail), *mask = (unsigned *)(sq + p.sq_off.ring_mask);
	unsigned *array = (unsigned *)(sq + p.sq_off.array), slot = *tail & *mask;
	memset(&sqes[slot], 0, sizeof(sqes[slot]));
	sqes[slot].opcode = IORING_OP_CONNECT;
	sqes[slot].fd = sock;
	sqes[slot].addr = (unsigned long)&to;
	sqes[slot].off = sizeof(to); /* the address length */
	array[slot] = slot;
	__atomic_store_n(tail, *tail + 1, __ATOMIC_RELEASE);
	if (syscall(__NR_io_uring_enter, ring, 1, 1, IORING_ENTER_GETEVENTS, NULL, 0) < 0)
		return fail("io_uring_enter", errno);
	unsigned *head = (unsigned *)(cq + p.cq_off.head), *cmask = (unsigned *)(cq + p.cq_off.ring_mask);
	struct io_uring_cqe *cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);
	int res = cqes[*head & *cmask].res;
	if (res < 0)
		return fail("connect", -res);
	printf("connected\n");
	return 0;
}
