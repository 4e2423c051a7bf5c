/* http: a minimal HTTP/1.1 client (one request per connection) and its response parser. */
#ifndef WD_HTTP_H
#define WD_HTTP_H

#include <stddef.h>

#include "transport.h"
#include "util.h"

#define WD_HTTP_MAX_BODY (4u << 20)

struct wd_url {
	const struct wd_transport *transport;
	char host[256];
	int port;
	char base[512]; /* path prefix without a trailing slash */
};

struct wd_http_request {
	const char *method;
	const char *path; /* appended to the URL's base path */
	const char *headers; /* extra header lines, each ending in \r\n, or NULL */
	const char *body;
	size_t body_len;
	int timeout_ms; /* applies to each socket operation */
};

struct wd_http_response {
	int status;
	char etag[64];
	char location[512]; /* of a redirect; empty when absent or too long */
	struct wd_buf body;
};

int wd_url_parse(const char *text, struct wd_url *out);
/* Returns 0 with the response filled in (any status but a redirect), or a negative errno for
 * transport errors. A redirect (3xx but 304) is never followed: it is logged with the URL to
 * configure instead and answered -EPROTO. */
int wd_http_do(const struct wd_url *url, const struct wd_http_request *req,
	       struct wd_http_response *resp);
/* Parses a complete raw response: 0 when complete, -EAGAIN when more bytes are needed,
 * -EBADMSG when malformed. `eof` says the peer closed (ends a body without a length). */
int wd_http_parse_response(const char *data, size_t len, int eof, struct wd_http_response *resp);
void wd_http_response_free(struct wd_http_response *resp);

#endif
