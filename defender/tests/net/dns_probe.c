/* dns_probe: looks up one A record the three ways apps do — glibc's resolver (connect + send),
 * an unconnected UDP socket (sendto/recvfrom, as musl does) and TCP — against a chosen server.
 * Usage: dns_probe glibc|udp|tcp SERVER-IPV4 PORT NAME
 * Prints "answer <ip>", "rcode <n>" or "error <errno name>"; exits 0 answer, 3 NXDOMAIN,
 * 4 other rcode, 5 timeout, 6 socket call failed, 2 usage. */
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <errno.h>
#include <netinet/in.h>
#include <netdb.h>
#include <poll.h>
#include <resolv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int report_errno(const char *call)
{
	printf("error %s %s\n", call, strerror(errno));
	return 6;
}

/* Reads the rcode and the first A record of a reply. */
static int report_reply(const unsigned char *msg, int len)
{
	ns_msg handle;
	ns_rr rr;
	int rcode;

	if (ns_initparse(msg, len, &handle) < 0) {
		printf("error parse\n");
		return 4;
	}
	rcode = ns_msg_getflag(handle, ns_f_rcode);
	if (rcode != 0 || ns_msg_count(handle, ns_s_an) == 0) {
		printf("rcode %d\n", rcode);
		return rcode == 3 ? 3 : 4;
	}
	if (ns_parserr(&handle, ns_s_an, 0, &rr) < 0 || ns_rr_rdlen(rr) != 4) {
		printf("error answer\n");
		return 4;
	}
	char ip[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, ns_rr_rdata(rr), ip, sizeof(ip));
	printf("answer %s\n", ip);
	return 0;
}

static int probe_glibc(const struct sockaddr_in *server, const char *name)
{
	unsigned char reply[4096];
	struct __res_state st;
	int n;

	memset(&st, 0, sizeof(st));
	if (res_ninit(&st) < 0)
		return report_errno("res_ninit");
	st.nscount = 1;
	st.nsaddr_list[0] = *server;
	st.retry = 1;
	st.retrans = 2;
	n = res_nquery(&st, name, C_IN, T_A, reply, sizeof(reply));
	if (n < 0) {
		/* h_errno: HOST_NOT_FOUND = NXDOMAIN, TRY_AGAIN = no usable answer */
		printf("rcode %s\n", st.res_h_errno == HOST_NOT_FOUND ? "3" : "failed");
		return st.res_h_errno == HOST_NOT_FOUND ? 3 : 5;
	}
	return report_reply(reply, n);
}

static int wait_readable(int fd)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};

	return poll(&p, 1, 3000) == 1 ? 0 : -1;
}

static int probe_udp(const struct sockaddr_in *server, const char *name)
{
	unsigned char q[512], reply[4096];
	struct sockaddr_in from;
	socklen_t from_len = sizeof(from);
	int n = res_mkquery(QUERY, name, C_IN, T_A, NULL, 0, NULL, q, sizeof(q));
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (n < 0 || fd < 0)
		return report_errno("socket");
	if (sendto(fd, q, (size_t)n, 0, (const struct sockaddr *)server, sizeof(*server)) < 0)
		return report_errno("sendto");
	if (wait_readable(fd) < 0) {
		printf("error timeout\n");
		return 5;
	}
	n = (int)recvfrom(fd, reply, sizeof(reply), 0, (struct sockaddr *)&from, &from_len);
	if (n < 0)
		return report_errno("recvfrom");
	/* musl and glibc drop replies from anyone but the server they asked */
	if (from.sin_addr.s_addr != server->sin_addr.s_addr || from.sin_port != server->sin_port) {
		printf("error reply from another address\n");
		return 4;
	}
	return report_reply(reply, n);
}

static int read_exact(int fd, unsigned char *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		if (wait_readable(fd) < 0)
			return -1;
		ssize_t r = read(fd, buf + got, len - got);
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

static int probe_tcp(const struct sockaddr_in *server, const char *name)
{
	unsigned char q[514], reply[4096];
	int n = res_mkquery(QUERY, name, C_IN, T_A, NULL, 0, NULL, q + 2, sizeof(q) - 2);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	size_t len;

	if (n < 0 || fd < 0)
		return report_errno("socket");
	if (connect(fd, (const struct sockaddr *)server, sizeof(*server)) < 0)
		return report_errno("connect");
	q[0] = (unsigned char)(n >> 8);
	q[1] = (unsigned char)n;
	if (write(fd, q, (size_t)n + 2) != n + 2)
		return report_errno("write");
	if (read_exact(fd, reply, 2) < 0) {
		printf("error no reply\n");
		return 5;
	}
	len = (size_t)reply[0] << 8 | reply[1];
	if (len > sizeof(reply) || read_exact(fd, reply, len) < 0) {
		printf("error short reply\n");
		return 5;
	}
	return report_reply(reply, (int)len);
}

int main(int argc, char **argv)
{
	struct sockaddr_in server = {.sin_family = AF_INET};

	if (argc != 5 || inet_pton(AF_INET, argv[2], &server.sin_addr) != 1) {
		fprintf(stderr, "usage: dns_probe glibc|udp|tcp SERVER-IPV4 PORT NAME\n");
		return 2;
	}
	server.sin_port = htons((unsigned short)atoi(argv[3]));
	if (strcmp(argv[1], "glibc") == 0)
		return probe_glibc(&server, argv[4]);
	if (strcmp(argv[1], "udp") == 0)
		return probe_udp(&server, argv[4]);
	if (strcmp(argv[1], "tcp") == 0)
		return probe_tcp(&server, argv[4]);
	fprintf(stderr, "usage: dns_probe glibc|udp|tcp SERVER-IPV4 PORT NAME\n");
	return 2;
}
