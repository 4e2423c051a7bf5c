/* transport: the byte-stream interface the HTTP client speaks through (plain TCP, or TLS in tls.c). */
#ifndef WD_TRANSPORT_H
#define WD_TRANSPORT_H

#include <stddef.h>
#include <sys/types.h>

/* Every operation takes its own timeout, so no call can hang the console link. */
struct wd_transport {
	const char *scheme;
	int default_port;
	int (*open)(const char *host, int port, int timeout_ms, void **conn);
	ssize_t (*send)(void *conn, const void *data, size_t len, int timeout_ms);
	ssize_t (*recv)(void *conn, void *data, size_t len, int timeout_ms);
	void (*close)(void *conn);
};

extern const struct wd_transport wd_tcp_transport;

/* The transport for a URL scheme, or NULL when the scheme is not supported. */
const struct wd_transport *wd_transport_for(const char *scheme);

#endif
