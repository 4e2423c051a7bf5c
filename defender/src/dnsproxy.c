/* dnsproxy: the defender's filtering resolver on loopback — port-53 sockets of the app are
 * redirected here; each query is checked against the rule's dns section, answered NXDOMAIN when
 * prevented and otherwise forwarded from the defender's own socket to the nameserver the app chose. */
#include "dnsproxy.h"

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dns.h"
#include "report.h"
#include "util.h"

#define WD_DNS_CLIENTS 512
#define WD_DNS_UPSTREAM_TIMEOUT_MS 5000
#define WD_DNS_TCP_IDLE_MS 10000
#define WD_DNS_MAX_THREADS 64 /* forwards and TCP clients in flight; more are dropped */

struct wd_dns_client {
	bool used;
	int type;
	uint16_t port;
	struct wd_endpoint server;
	pid_t pid;
	uint64_t stamp;
};

/* The dns section as last published by the supervisor, for the resolver threads. */
struct wd_dns_published {
	char *rule_name;
	long long revision;
	struct wd_dns_rule rule;
	char *exempt_domain;
};

static pthread_mutex_t wd_dns_lock = PTHREAD_MUTEX_INITIALIZER;
static struct wd_dns_client wd_clients[WD_DNS_CLIENTS];
static uint64_t wd_client_stamp;
static _Atomic unsigned wd_client_count;
static struct wd_dns_published wd_published;
static long long wd_published_revision = -2;
static bool wd_published_has_rule;
static _Atomic bool wd_published_active;
static int wd_udp_fd = -1, wd_tcp_fd = -1;
static uint16_t wd_udp_port, wd_tcp_port;
static _Atomic int wd_threads;

static void wd_published_clear(void)
{
	free(wd_published.rule_name);
	free(wd_published.exempt_domain);
	wd_dns_rule_free(&wd_published.rule);
	memset(&wd_published, 0, sizeof(wd_published));
}

static int wd_copy_strings(char **from, unsigned count, char ***to)
{
	*to = count ? calloc(count, sizeof(char *)) : NULL;
	if (count && !*to)
		return -ENOMEM;
	for (unsigned i = 0; i < count; i++)
		if (!((*to)[i] = strdup(from[i])))
			return -ENOMEM;
	return 0;
}

void wd_dns_publish(const char *rule_name, long long revision, const struct wd_dns_rule *dns,
		    const struct wd_net_exempt *exempt)
{
	struct wd_dns_rule *r = &wd_published.rule;
	bool ok = true;

	pthread_mutex_lock(&wd_dns_lock);
	if (revision == wd_published_revision && (dns != NULL) == wd_published_has_rule) {
		pthread_mutex_unlock(&wd_dns_lock);
		return;
	}
	wd_published_clear();
	wd_published_revision = revision;
	wd_published_has_rule = dns != NULL;
	if (dns && dns->enabled) {
		*r = *dns;
		r->allowed = r->denied = NULL;
		r->allowed_count = r->denied_count = 0;
		wd_published.rule_name = strdup(rule_name);
		wd_published.revision = revision;
		wd_published.exempt_domain = exempt && exempt->domain ? strdup(exempt->domain) : NULL;
		ok = wd_published.rule_name &&
		     wd_copy_strings(dns->allowed, dns->allowed_count, &r->allowed) == 0;
		r->allowed_count = r->allowed ? dns->allowed_count : 0;
		ok = ok && wd_copy_strings(dns->denied, dns->denied_count, &r->denied) == 0;
		r->denied_count = r->denied ? dns->denied_count : 0;
		if (!ok) {
			/* out of memory: refuse every name rather than let them all through */
			wd_log("dns rule copy failed: refusing all lookups until the next rule");
			r->effect = WD_EFFECT_PREVENT;
			r->allowed_count = 0;
		}
	}
	atomic_store(&wd_published_active,
		     r->enabled && (r->allowed_count || r->denied_count || !ok));
	pthread_mutex_unlock(&wd_dns_lock);
}

bool wd_dns_active(void)
{
	return atomic_load(&wd_published_active);
}

enum wd_verdict wd_dns_check(const char *domain, uint16_t qtype, pid_t pid)
{
	struct wd_net_exempt exempt = {0};
	enum wd_verdict v;
	char type_buf[16];
	char *rule_name = NULL;
	long long revision;

	pthread_mutex_lock(&wd_dns_lock);
	exempt.domain = wd_published.exempt_domain;
	v = wd_published.rule_name ? wd_dns_decide(&wd_published.rule, domain, &exempt)
				   : WD_VERDICT_ALLOW;
	if (v != WD_VERDICT_ALLOW)
		rule_name = strdup(wd_published.rule_name);
	revision = wd_published.revision;
	pthread_mutex_unlock(&wd_dns_lock);
	wd_count_verdict(v);
	if (v == WD_VERDICT_ALLOW)
		return v;
	struct wd_net_event e = {
		.type = WD_NET_EVENT_DNS,
		.verdict = v,
		.rule_name = rule_name ? rule_name : "?",
		.rule_revision = revision,
		.tid = pid,
		.domain = domain,
		.query_type = wd_dns_type_name(qtype, type_buf),
	};
	wd_report_net(&e);
	free(rule_name);
	return v;
}

void wd_dnsproxy_register(int type, uint16_t client_port, const struct wd_endpoint *server,
			  pid_t pid)
{
	struct wd_dns_client *slot = &wd_clients[0];

	pthread_mutex_lock(&wd_dns_lock);
	/* the same port again (reused) or the least recently registered entry */
	for (size_t i = 0; i < WD_DNS_CLIENTS; i++) {
		struct wd_dns_client *c = &wd_clients[i];
		if (c->used && c->type == type && c->port == client_port) {
			slot = c;
			break;
		}
		if (!c->used || c->stamp < slot->stamp)
			slot = c;
		if (!c->used)
			break;
	}
	if (!slot->used)
		atomic_fetch_add(&wd_client_count, 1);
	*slot = (struct wd_dns_client){.used = true, .type = type, .port = client_port,
				       .server = *server, .pid = pid, .stamp = ++wd_client_stamp};
	pthread_mutex_unlock(&wd_dns_lock);
}

static bool wd_client_find(int type, uint16_t port, struct wd_endpoint *server, pid_t *pid)
{
	bool found = false;

	pthread_mutex_lock(&wd_dns_lock);
	for (size_t i = 0; i < WD_DNS_CLIENTS; i++) {
		if (wd_clients[i].used && wd_clients[i].type == type && wd_clients[i].port == port) {
			*server = wd_clients[i].server;
			if (pid)
				*pid = wd_clients[i].pid;
			found = true;
			break;
		}
	}
	pthread_mutex_unlock(&wd_dns_lock);
	return found;
}

bool wd_dnsproxy_server_of(uint16_t client_port, struct wd_endpoint *server)
{
	return wd_client_find(SOCK_DGRAM, client_port, server, NULL);
}

bool wd_dnsproxy_has_clients(void)
{
	return atomic_load(&wd_client_count) > 0;
}

bool wd_dnsproxy_is_resolver(const struct wd_endpoint *peer)
{
	return wd_endpoint_is_loopback(peer) && peer->port == wd_udp_port && wd_udp_port != 0 &&
	       peer->family == AF_INET && peer->addr[0] == 127 && peer->addr[3] == 1;
}

int wd_dnsproxy_address(int domain, int type, struct sockaddr_storage *out, socklen_t *len)
{
	uint16_t port = type == SOCK_STREAM ? wd_tcp_port : wd_udp_port;

	memset(out, 0, sizeof(*out));
	if (port == 0)
		return -ENOTCONN;
	if (domain == AF_INET6) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)out;
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(port);
		in6->sin6_addr.s6_addr[10] = 0xff;
		in6->sin6_addr.s6_addr[11] = 0xff;
		in6->sin6_addr.s6_addr[12] = 127;
		in6->sin6_addr.s6_addr[15] = 1;
		*len = sizeof(*in6);
	} else {
		struct sockaddr_in *in = (struct sockaddr_in *)out;
		in->sin_family = AF_INET;
		in->sin_port = htons(port);
		in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		*len = sizeof(*in);
	}
	return 0;
}

static socklen_t wd_endpoint_sockaddr(const struct wd_endpoint *ep, struct sockaddr_storage *out)
{
	memset(out, 0, sizeof(*out));
	if (ep->family == AF_INET6) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)out;
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(ep->port);
		memcpy(in6->sin6_addr.s6_addr, ep->addr, 16);
		return sizeof(*in6);
	}
	struct sockaddr_in *in = (struct sockaddr_in *)out;
	in->sin_family = AF_INET;
	in->sin_port = htons(ep->port);
	memcpy(&in->sin_addr, ep->addr, 4);
	return sizeof(*in);
}

/* The answer to send for a query: NULL reply means "forward it". */
static int wd_filter_query(const uint8_t *msg, size_t len, pid_t pid, uint8_t *reply, size_t cap)
{
	struct wd_dns_query q;

	if (wd_dns_parse_query(msg, len, &q) < 0) {
		/* a query we cannot read could carry a name nobody checked: never forwarded */
		if (len < WD_DNS_HEADER_LEN)
			return -EBADMSG;
		memcpy(reply, msg, WD_DNS_HEADER_LEN);
		reply[2] = (uint8_t)(0x80 | (msg[2] & 0x79));
		reply[3] = WD_DNS_REFUSED;
		memset(reply + 4, 0, 8);
		return WD_DNS_HEADER_LEN;
	}
	if (wd_dns_check(q.name, q.qtype, pid) != WD_VERDICT_PREVENT)
		return 0;
	return wd_dns_build_answer(msg, &q, WD_DNS_NXDOMAIN, reply, cap);
}

/* Sends one query to the nameserver from the defender's own socket and waits for its reply. */
static ssize_t wd_ask_upstream(int type, const struct wd_endpoint *server, const uint8_t *msg,
			       size_t len, uint8_t *reply, size_t cap)
{
	struct sockaddr_storage sa;
	socklen_t sa_len = wd_endpoint_sockaddr(server, &sa);
	struct pollfd p = {.events = POLLIN};
	ssize_t n;

	p.fd = socket(server->family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (p.fd < 0)
		return -errno;
	(void)type;
	if (connect(p.fd, (struct sockaddr *)&sa, sa_len) < 0 || send(p.fd, msg, len, 0) < 0) {
		n = -errno;
		goto out;
	}
	n = poll(&p, 1, WD_DNS_UPSTREAM_TIMEOUT_MS) == 1 ? recv(p.fd, reply, cap, 0) : -ETIMEDOUT;
	if (n < 0 && n != -ETIMEDOUT)
		n = -errno;
out:
	close(p.fd);
	return n;
}

struct wd_udp_job {
	struct sockaddr_in client;
	struct wd_endpoint server;
	size_t len;
	uint8_t msg[];
};

static void *wd_udp_forward(void *arg)
{
	struct wd_udp_job *job = arg;
	uint8_t reply[WD_DNS_MAX_UDP];
	ssize_t n = wd_ask_upstream(SOCK_DGRAM, &job->server, job->msg, job->len, reply,
				    sizeof(reply));

	if (n > 0)
		sendto(wd_udp_fd, reply, (size_t)n, MSG_NOSIGNAL, (struct sockaddr *)&job->client,
		       sizeof(job->client));
	free(job);
	atomic_fetch_sub(&wd_threads, 1);
	return NULL;
}

/* Runs fn(arg) on a detached thread that owns arg; false (arg untouched) when at the bound, so a
 * flood of queries cannot make the defender start threads without end. */
static bool wd_start_detached(void *(*fn)(void *), void *arg)
{
	if (atomic_fetch_add(&wd_threads, 1) >= WD_DNS_MAX_THREADS) {
		atomic_fetch_sub(&wd_threads, 1);
		return false;
	}
	if (wd_thread_start("ward-dns", fn, arg, 256 * 1024, NULL) < 0) {
		atomic_fetch_sub(&wd_threads, 1);
		return false;
	}
	return true;
}

static void *wd_udp_serve(void *unused)
{
	static uint8_t msg[WD_DNS_MAX_UDP], reply[WD_DNS_MAX_UDP];

	(void)unused;
	for (;;) {
		struct sockaddr_in client;
		socklen_t client_len = sizeof(client);
		struct wd_endpoint server;
		struct wd_udp_job *job;
		pid_t pid = 0;
		ssize_t n = recvfrom(wd_udp_fd, msg, sizeof(msg), 0, (struct sockaddr *)&client,
				     &client_len);
		int r;

		if (n < 0 || client_len != sizeof(client))
			continue;
		/* only sockets the defender redirected have a nameserver to forward to */
		if (!wd_client_find(SOCK_DGRAM, ntohs(client.sin_port), &server, &pid))
			continue;
		r = wd_filter_query(msg, (size_t)n, pid, reply, sizeof(reply));
		if (r > 0) {
			sendto(wd_udp_fd, reply, (size_t)r, MSG_NOSIGNAL, (struct sockaddr *)&client,
			       client_len);
			continue;
		}
		if (r < 0)
			continue;
		job = malloc(sizeof(*job) + (size_t)n);
		if (!job)
			continue;
		job->client = client;
		job->server = server;
		job->len = (size_t)n;
		memcpy(job->msg, msg, (size_t)n);
		if (!wd_start_detached(wd_udp_forward, job))
			free(job); /* the client retries, as after any lost datagram */
	}
	return NULL;
}

static int wd_wait(int fd, short events, int timeout_ms)
{
	struct pollfd p = {.fd = fd, .events = events};
	int n = poll(&p, 1, timeout_ms);

	return n == 1 ? 0 : n == 0 ? -ETIMEDOUT : -errno;
}

static int wd_read_full(int fd, uint8_t *buf, size_t len, int timeout_ms)
{
	size_t got = 0;

	while (got < len) {
		int ret = wd_wait(fd, POLLIN, timeout_ms);
		ssize_t n;

		if (ret < 0)
			return ret;
		n = read(fd, buf + got, len - got);
		if (n <= 0)
			return n == 0 ? -ECONNRESET : -errno;
		got += (size_t)n;
	}
	return 0;
}

static int wd_write_full(int fd, const uint8_t *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = send(fd, buf + done, len - done, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		done += (size_t)n;
	}
	return 0;
}

/* Reads one length-prefixed message into buf (65535 bytes); returns its length. */
static int wd_read_frame(int fd, uint8_t *buf, int timeout_ms)
{
	uint8_t prefix[2];
	int ret = wd_read_full(fd, prefix, 2, timeout_ms);
	size_t len;

	if (ret < 0)
		return ret;
	len = (size_t)prefix[0] << 8 | prefix[1];
	ret = wd_read_full(fd, buf, len, timeout_ms);
	return ret < 0 ? ret : (int)len;
}

static int wd_write_frame(int fd, const uint8_t *msg, size_t len)
{
	uint8_t prefix[2];
	int ret = wd_dns_tcp_prefix(len, prefix);

	if (ret == 0)
		ret = wd_write_full(fd, prefix, 2);
	return ret < 0 ? ret : wd_write_full(fd, msg, len);
}

static int wd_connect_upstream_tcp(const struct wd_endpoint *server)
{
	struct sockaddr_storage sa;
	socklen_t sa_len = wd_endpoint_sockaddr(server, &sa);
	int fd = socket(server->family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0), err = 0;
	socklen_t err_len = sizeof(err);

	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sa, sa_len) < 0 && errno != EINPROGRESS) {
		err = -errno;
	} else if ((err = wd_wait(fd, POLLOUT, WD_DNS_UPSTREAM_TIMEOUT_MS)) == 0) {
		getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &err_len);
		err = -err;
	}
	if (err < 0) {
		close(fd);
		return err;
	}
	return fd;
}

struct wd_tcp_job {
	int fd;
	struct wd_endpoint server;
	pid_t pid;
};

/* One redirected TCP client: every query checked, allowed ones relayed over one upstream link. */
static void *wd_tcp_serve_client(void *arg)
{
	struct wd_tcp_job *job = arg;
	uint8_t *msg = malloc(65536), *reply = malloc(65536);
	int upstream = -1;

	while (msg && reply) {
		int n = wd_read_frame(job->fd, msg, WD_DNS_TCP_IDLE_MS), r;

		if (n < 0)
			break;
		r = wd_filter_query(msg, (size_t)n, job->pid, reply, 65536);
		if (r < 0)
			break;
		if (r == 0) {
			if (upstream < 0)
				upstream = wd_connect_upstream_tcp(&job->server);
			if (upstream < 0 || wd_write_frame(upstream, msg, (size_t)n) < 0 ||
			    (r = wd_read_frame(upstream, reply, WD_DNS_UPSTREAM_TIMEOUT_MS)) < 0)
				break;
		}
		if (wd_write_frame(job->fd, reply, (size_t)r) < 0)
			break;
	}
	if (upstream >= 0)
		close(upstream);
	close(job->fd);
	free(msg);
	free(reply);
	free(job);
	atomic_fetch_sub(&wd_threads, 1);
	return NULL;
}

static void *wd_tcp_accept(void *unused)
{
	(void)unused;
	for (;;) {
		struct sockaddr_in client;
		socklen_t len = sizeof(client);
		struct wd_tcp_job *job;
		int fd = accept4(wd_tcp_fd, (struct sockaddr *)&client, &len, SOCK_CLOEXEC);

		if (fd < 0)
			continue;
		job = calloc(1, sizeof(*job));
		if (!job || len != sizeof(client) ||
		    !wd_client_find(SOCK_STREAM, ntohs(client.sin_port), &job->server, &job->pid)) {
			free(job);
			close(fd);
			continue;
		}
		job->fd = fd;
		if (!wd_start_detached(wd_tcp_serve_client, job)) {
			close(fd);
			free(job);
		}
	}
	return NULL;
}

static int wd_bind_loopback(int type, uint16_t *port)
{
	struct sockaddr_in in = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(in);
	int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&in, sizeof(in)) < 0 ||
	    (type == SOCK_STREAM && listen(fd, 128) < 0) ||
	    getsockname(fd, (struct sockaddr *)&in, &len) < 0) {
		int err = -errno;
		close(fd);
		return err;
	}
	*port = ntohs(in.sin_port);
	return fd;
}

int wd_dnsproxy_start(void)
{
	int ret;

	wd_udp_fd = wd_bind_loopback(SOCK_DGRAM, &wd_udp_port);
	if (wd_udp_fd < 0)
		return wd_udp_fd;
	wd_tcp_fd = wd_bind_loopback(SOCK_STREAM, &wd_tcp_port);
	if (wd_tcp_fd < 0)
		return wd_tcp_fd;
	ret = wd_thread_start("ward-dns-udp", wd_udp_serve, NULL, 0, NULL);
	if (ret == 0)
		ret = wd_thread_start("ward-dns-tcp", wd_tcp_accept, NULL, 0, NULL);
	return ret;
}
