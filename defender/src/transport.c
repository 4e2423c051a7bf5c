/* transport: plain TCP with non-blocking sockets and poll-based timeouts on connect, send and recv,
 * and the transport of each URL scheme (https: tls.c). */
#include "transport.h"

#include "tls.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct wd_tcp_conn {
	int fd;
};

static int wd_wait_fd(int fd, short events, int timeout_ms)
{
	struct pollfd pfd = {.fd = fd, .events = events};
	int n;

	do
		n = poll(&pfd, 1, timeout_ms);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (n == 0)
		return -ETIMEDOUT;
	return 0;
}

static int wd_tcp_connect_one(const struct addrinfo *ai, int timeout_ms)
{
	socklen_t len = sizeof(int);
	int fd, err = 0, one = 1, ret;

	fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
	if (fd < 0)
		return -errno;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
		if (errno != EINPROGRESS) {
			ret = -errno;
			goto out_close;
		}
		ret = wd_wait_fd(fd, POLLOUT, timeout_ms);
		if (ret < 0)
			goto out_close;
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || err) {
			ret = err ? -err : -errno;
			goto out_close;
		}
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
out_close:
	close(fd);
	return ret;
}

static int wd_tcp_open(const char *host, int port, int timeout_ms, void **out)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM};
	struct addrinfo *res, *ai;
	struct wd_tcp_conn *conn;
	char service[16];
	int fd = -ECONNREFUSED, rc;

	snprintf(service, sizeof(service), "%d", port);
	rc = getaddrinfo(host, service, &hints, &res);
	if (rc != 0)
		return rc == EAI_SYSTEM ? -errno : -EHOSTUNREACH;
	for (ai = res; ai; ai = ai->ai_next) {
		fd = wd_tcp_connect_one(ai, timeout_ms);
		if (fd >= 0)
			break;
	}
	freeaddrinfo(res);
	if (fd < 0)
		return fd;
	conn = malloc(sizeof(*conn));
	if (!conn) {
		close(fd);
		return -ENOMEM;
	}
	conn->fd = fd;
	*out = conn;
	return 0;
}

/* One send or receive that waits (poll) at most timeout_ms for the socket to be ready. */
static ssize_t wd_tcp_io(struct wd_tcp_conn *conn, void *data, size_t len, int timeout_ms,
			 bool sending)
{
	ssize_t n;
	int ret;

	for (;;) {
		n = sending ? send(conn->fd, data, len, MSG_NOSIGNAL) : recv(conn->fd, data, len, 0);
		if (n >= 0)
			return n;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN)
			return -errno;
		ret = wd_wait_fd(conn->fd, sending ? POLLOUT : POLLIN, timeout_ms);
		if (ret < 0)
			return ret;
	}
}

static ssize_t wd_tcp_send(void *c, const void *data, size_t len, int timeout_ms)
{
	return wd_tcp_io(c, (void *)data, len, timeout_ms, true);
}

static ssize_t wd_tcp_recv(void *c, void *data, size_t len, int timeout_ms)
{
	return wd_tcp_io(c, data, len, timeout_ms, false);
}

static void wd_tcp_close(void *c)
{
	struct wd_tcp_conn *conn = c;

	close(conn->fd);
	free(conn);
}

const struct wd_transport wd_tcp_transport = {
	.scheme = "http",
	.default_port = 80,
	.open = wd_tcp_open,
	.send = wd_tcp_send,
	.recv = wd_tcp_recv,
	.close = wd_tcp_close,
};

const struct wd_transport *wd_transport_for(const char *scheme)
{
	if (strcmp(scheme, "http") == 0)
		return &wd_tcp_transport;
	if (strcmp(scheme, "https") == 0)
		return &wd_tls_transport;
	return NULL;
}
