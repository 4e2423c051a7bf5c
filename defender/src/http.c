/* http: a minimal HTTP/1.1 client (one request per connection) and its response parser. */
#include "http.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int wd_url_parse(const char *text, struct wd_url *out)
{
	const char *p, *host, *host_end, *path;
	char scheme[16];
	size_t n;

	memset(out, 0, sizeof(*out));
	p = strstr(text, "://");
	if (!p || (size_t)(p - text) >= sizeof(scheme))
		return -EINVAL;
	memcpy(scheme, text, (size_t)(p - text));
	scheme[p - text] = '\0';
	out->transport = wd_transport_for(scheme);
	if (!out->transport)
		return -EPROTONOSUPPORT;
	host = p + 3;
	path = strchr(host, '/');
	if (!path)
		path = host + strlen(host);
	if (*host == '[') {
		host_end = memchr(host, ']', (size_t)(path - host));
		if (!host_end)
			return -EINVAL;
		host++;
		p = host_end + 1;
	} else {
		host_end = memchr(host, ':', (size_t)(path - host));
		if (!host_end)
			host_end = path;
		p = host_end;
	}
	n = (size_t)(host_end - host);
	if (n == 0 || n >= sizeof(out->host))
		return -EINVAL;
	memcpy(out->host, host, n);
	out->port = out->transport->default_port;
	if (*p == ':') {
		char *end;
		long port = strtol(p + 1, &end, 10);
		if (end != path || port <= 0 || port > 65535)
			return -EINVAL;
		out->port = (int)port;
	} else if (p != path) {
		return -EINVAL;
	}
	n = strlen(path);
	while (n > 0 && path[n - 1] == '/')
		n--;
	if (n >= sizeof(out->base))
		return -EINVAL;
	memcpy(out->base, path, n);
	return 0;
}

void wd_http_response_free(struct wd_http_response *resp)
{
	wd_buf_free(&resp->body);
	memset(resp, 0, sizeof(*resp));
}

static const char *wd_find(const char *p, const char *end, const char *needle)
{
	size_t n = strlen(needle);

	for (; p + n <= end; p++)
		if (memcmp(p, needle, n) == 0)
			return p;
	return NULL;
}

/* Decodes a chunked body; -EAGAIN until the terminating zero-size chunk has arrived. */
static int wd_parse_chunked(const char *p, const char *end, struct wd_buf *body)
{
	for (;;) {
		const char *line_end = wd_find(p, end, "\r\n");
		unsigned long size;
		char *stop;

		if (!line_end)
			return -EAGAIN;
		size = strtoul(p, &stop, 16);
		if (stop == p || (*stop != '\r' && *stop != ';'))
			return -EBADMSG;
		if (size > WD_HTTP_MAX_BODY || body->len + size > WD_HTTP_MAX_BODY)
			return -EBADMSG;
		p = line_end + 2;
		if (size == 0)
			return wd_find(p, end, "\r\n") ? 0 : -EAGAIN; /* trailers are ignored */
		if ((size_t)(end - p) < size + 2)
			return -EAGAIN;
		wd_buf_add(body, p, size);
		p += size;
		if (memcmp(p, "\r\n", 2) != 0)
			return -EBADMSG;
		p += 2;
	}
}

int wd_http_parse_response(const char *data, size_t len, int eof, struct wd_http_response *resp)
{
	const char *end = data + len, *head_end, *line, *body;
	long content_length = -1;
	int chunked = 0, ret;

	head_end = wd_find(data, end, "\r\n\r\n");
	if (!head_end)
		return eof ? -EBADMSG : -EAGAIN;
	if (sscanf(data, "HTTP/1.%*1d %3d", &resp->status) != 1 || resp->status < 100 ||
	    resp->status > 599)
		return -EBADMSG;
	resp->etag[0] = '\0';
	resp->location[0] = '\0';
	line = wd_find(data, head_end, "\r\n");
	while (line && line < head_end) {
		const char *name = line + 2, *next = wd_find(name, head_end + 2, "\r\n");
		const char *colon = memchr(name, ':', (size_t)(next - name));
		const char *value;
		size_t vlen;

		if (!colon)
			return -EBADMSG;
		value = colon + 1;
		while (value < next && (*value == ' ' || *value == '\t'))
			value++;
		vlen = (size_t)(next - value);
		if ((size_t)(colon - name) == 14 && strncasecmp(name, "Content-Length", 14) == 0) {
			char *stop;
			content_length = strtol(value, &stop, 10);
			if (stop == value || content_length < 0 || content_length > WD_HTTP_MAX_BODY)
				return -EBADMSG;
		} else if ((size_t)(colon - name) == 17 &&
			   strncasecmp(name, "Transfer-Encoding", 17) == 0) {
			chunked = vlen >= 7 && strncasecmp(value, "chunked", 7) == 0;
		} else if ((size_t)(colon - name) == 4 && strncasecmp(name, "ETag", 4) == 0) {
			if (vlen >= sizeof(resp->etag))
				return -EBADMSG;
			memcpy(resp->etag, value, vlen);
			resp->etag[vlen] = '\0';
		} else if ((size_t)(colon - name) == 8 && strncasecmp(name, "Location", 8) == 0 &&
			   vlen < sizeof(resp->location)) {
			memcpy(resp->location, value, vlen);
			resp->location[vlen] = '\0';
		}
		line = next;
	}
	body = head_end + 4;
	wd_buf_reset(&resp->body);
	if (resp->status == 204 || resp->status == 304 || resp->status < 200) {
		ret = 0;
	} else if (chunked) {
		ret = wd_parse_chunked(body, end, &resp->body);
	} else if (content_length >= 0) {
		if ((size_t)(end - body) < (size_t)content_length)
			return eof ? -EBADMSG : -EAGAIN;
		wd_buf_add(&resp->body, body, (size_t)content_length);
		ret = 0;
	} else {
		if (!eof)
			return -EAGAIN;
		if ((size_t)(end - body) > WD_HTTP_MAX_BODY)
			return -EBADMSG;
		wd_buf_add(&resp->body, body, (size_t)(end - body));
		ret = 0;
	}
	if (ret == -EAGAIN && eof)
		return -EBADMSG;
	if (ret == 0 && !resp->body.data)
		wd_buf_add(&resp->body, "", 0);
	if (resp->body.oom)
		return -ENOMEM;
	return ret;
}

/* "http://host:port" of a URL, as the log names a console. */
static void wd_url_origin(const struct wd_url *url, char *out, size_t cap)
{
	bool v6 = strchr(url->host, ':') != NULL;

	snprintf(out, cap, "%s://%s%s%s:%d", url->transport->scheme, v6 ? "[" : "", url->host,
		 v6 ? "]" : "", url->port);
}

/* A console behind a front door that redirects (http to https, a moved path) must be configured
 * with the URL it redirects to: following would send the token wherever a redirect points. */
static void wd_log_redirect(const struct wd_url *url, const struct wd_http_request *req,
			    const struct wd_http_response *resp)
{
	char origin[300], suffix[1024];
	size_t n = strlen(resp->location), m;

	wd_url_origin(url, origin, sizeof(origin));
	snprintf(suffix, sizeof(suffix), "%s%s", url->base, req->path);
	m = strlen(suffix);
	if (n == 0) {
		wd_log("console %s answers %d redirect (no Location, or too long): set console to the "
		       "console's own URL (redirects are not followed)", origin, resp->status);
		return;
	}
	if (n > m && strcmp(resp->location + n - m, suffix) == 0 && strstr(resp->location, "://")) {
		/* the location less the request's own path is the console's URL */
		wd_log("console %s answers %d redirect to %s: set console=%.*s", origin, resp->status,
		       resp->location, (int)(n - strlen(req->path)), resp->location);
	} else {
		wd_log("console %s answers %d redirect to %s: set console to the console's own URL "
		       "(redirects are not followed)", origin, resp->status, resp->location);
	}
}

/* A plain-http console URL pointed at a TLS port gets no HTTP answer: the server closes or resets
 * the connection, or answers with a TLS record (an alert). Say so: "Bad message" does not. */
static void wd_log_no_http_answer(const struct wd_url *url, const struct wd_buf *in)
{
	const unsigned char *b = (const unsigned char *)in->data;
	char origin[300];

	if (in->len > 0 && !(in->len >= 2 && (b[0] == 0x15 || b[0] == 0x16) && b[1] == 0x03))
		return;
	wd_url_origin(url, origin, sizeof(origin));
	wd_log("console %s gave no HTTP answer (%s): if it serves HTTPS only, set console=https://%s",
	       origin, in->len ? "a TLS record" : "connection closed", origin + strlen("http://"));
}

int wd_http_do(const struct wd_url *url, const struct wd_http_request *req,
	       struct wd_http_response *resp)
{
	const struct wd_transport *t = url->transport;
	struct wd_buf out = {0}, in = {0};
	char chunk[8192];
	void *conn = NULL;
	size_t sent = 0;
	ssize_t n;
	int ret;

	wd_buf_printf(&out, "%s %s%s HTTP/1.1\r\nHost: %s:%d\r\nUser-Agent: ward-defender\r\n"
			    "Connection: close\r\nAccept: application/json\r\n",
		      req->method, url->base, req->path, url->host, url->port);
	if (req->headers)
		wd_buf_puts(&out, req->headers);
	if (req->body)
		wd_buf_printf(&out, "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
			      req->body_len);
	else
		wd_buf_puts(&out, "Content-Length: 0\r\n\r\n");
	if (req->body)
		wd_buf_add(&out, req->body, req->body_len);
	if (out.oom) {
		ret = -ENOMEM;
		goto out_free;
	}
	ret = t->open(url->host, url->port, req->timeout_ms, &conn);
	if (ret < 0)
		goto out_free;
	while (sent < out.len) {
		n = t->send(conn, out.data + sent, out.len - sent, req->timeout_ms);
		if (n < 0) {
			ret = (int)n;
			goto out_close;
		}
		sent += (size_t)n;
	}
	for (;;) {
		n = t->recv(conn, chunk, sizeof(chunk), req->timeout_ms);
		if (n < 0) {
			ret = (int)n;
			goto out_close;
		}
		if (in.len + (size_t)n > WD_HTTP_MAX_BODY + 65536) {
			ret = -EMSGSIZE;
			goto out_close;
		}
		wd_buf_add(&in, chunk, (size_t)n);
		if (in.oom) {
			ret = -ENOMEM;
			goto out_close;
		}
		ret = wd_http_parse_response(in.data ? in.data : "", in.len, n == 0, resp);
		if (ret != -EAGAIN)
			break;
	}
	if (ret == 0 && resp->status >= 300 && resp->status < 400 && resp->status != 304) {
		wd_log_redirect(url, req, resp);
		ret = -EPROTO;
	}
out_close:
	if ((ret == -EBADMSG || ret == -ECONNRESET) && t == &wd_tcp_transport)
		wd_log_no_http_answer(url, &in);
	t->close(conn);
out_free:
	wd_buf_free(&in);
	wd_buf_free(&out);
	return ret;
}
