/* netgate: answers the trapped socket calls (bind, listen, connect, addressed sends, DNS receives)
 * from the rule's network and dns sections; design and TOCTOU argument in tests/net/DESIGN.md. */
#include "netgate.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "dns.h"
#include "dnsproxy.h"
#include "http.h"
#include "kernel.h"
#include "net.h"
#include "report.h"
#include "util.h"

#define WD_MAX_PAYLOAD 65536
#define WD_MAX_IOV 1024
#define WD_MAX_CONTROL 4096
#define WD_MAX_MMSG 64
#define WD_CAP_NET_BIND_SERVICE 10
#define WD_MAX_CONSOLE_IPS 8

/* The defender's duplicate of the app's socket and what the kernel says it is. */
struct wd_sock {
	int fd;
	int domain;
	int type;
	int file_flags;
};

/* A socket call's destination or local address, as copied out of the app once. */
struct wd_addr {
	struct sockaddr_storage sa;
	socklen_t len;
	struct wd_endpoint ep;
	bool has_ep; /* false for AF_UNSPEC or malformed: the kernel's own error decides */
};

static struct wd_endpoint wd_console_ips[WD_MAX_CONSOLE_IPS];
static struct wd_endpoint wd_nameservers[8]; /* resolv.conf's at start (glibc reads three) */
static char wd_console_host[256];
static struct wd_net_exempt wd_exempt;
static unsigned wd_unprivileged_port_start = 1024;
static uint8_t wd_payload[WD_MAX_PAYLOAD]; /* supervisor thread only */

static const char *wd_protocol_name(const struct wd_sock *s)
{
	return s->type == SOCK_DGRAM ? "udp" : "tcp";
}

int wd_netgate_init(const char *console_url)
{
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res = NULL;
	struct wd_url url;
	char line[32];
	FILE *f;
	unsigned n = 0;

	f = fopen("/proc/sys/net/ipv4/ip_unprivileged_port_start", "re");
	if (f) {
		if (fgets(line, sizeof(line), f))
			wd_unprivileged_port_start = (unsigned)strtoul(line, NULL, 10);
		fclose(f);
	}
	if (console_url && wd_url_parse(console_url, &url) == 0) {
		snprintf(wd_console_host, sizeof(wd_console_host), "%s", url.host);
		if (getaddrinfo(url.host, NULL, &hints, &res) == 0) {
			for (struct addrinfo *a = res; a && n < WD_MAX_CONSOLE_IPS; a = a->ai_next)
				if (wd_endpoint_from_sockaddr(a->ai_addr, a->ai_addrlen,
							      &wd_console_ips[n]) == 0)
					n++;
			freeaddrinfo(res);
		}
		char normal[WD_DOMAIN_MAX];
		if (wd_domain_normalize(url.host, normal) == 0)
			snprintf(wd_console_host, sizeof(wd_console_host), "%s", normal);
	}
	/* read before the app runs: what it writes there later does not widen the outbound rule */
	struct wd_buf conf = {0};
	unsigned nameservers = 0;
	if (wd_read_file("/etc/resolv.conf", &conf, 64 * 1024) == 0)
		nameservers = wd_nameservers_parse(conf.data, wd_nameservers, WD_ARRAY_SIZE(wd_nameservers));
	wd_buf_free(&conf);
	wd_exempt = (struct wd_net_exempt){.ips = wd_console_ips, .ip_count = n,
					   .domain = wd_console_host[0] ? wd_console_host : NULL,
					   .nameservers = wd_nameservers, .nameserver_count = nameservers};
	return wd_dnsproxy_start();
}

static void wd_continue(struct seccomp_notif_resp *resp)
{
	resp->error = 0;
	resp->val = 0;
	resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
}

static void wd_answer(struct seccomp_notif_resp *resp, long result)
{
	resp->flags = 0;
	resp->error = result < 0 ? (int)result : 0;
	resp->val = result < 0 ? 0 : result;
}

/* Copies app memory; the copy is what gets decided on and acted on, never the original. */
static int wd_mem_read(int listener, const struct seccomp_notif *req, uint64_t addr, void *buf,
		       size_t len)
{
	struct iovec local = {.iov_base = buf, .iov_len = len};
	struct iovec remote = {.iov_base = (void *)(uintptr_t)addr, .iov_len = len};
	ssize_t n;

	if (len == 0)
		return 0;
	n = process_vm_readv((pid_t)req->pid, &local, 1, &remote, 1, 0);
	if (n < 0)
		return errno == ESRCH ? -ESRCH : -EFAULT;
	if ((size_t)n != len)
		return -EFAULT;
	return wd_notif_id_valid(listener, req->id);
}

/* Writes a result back (recvfrom buffers, sendmmsg lengths) while the caller still waits. */
static int wd_mem_write(int listener, const struct seccomp_notif *req, uint64_t addr,
			const void *buf, size_t len)
{
	struct iovec local = {.iov_base = (void *)buf, .iov_len = len};
	struct iovec remote = {.iov_base = (void *)(uintptr_t)addr, .iov_len = len};
	int ret = wd_notif_id_valid(listener, req->id);

	if (ret < 0 || len == 0)
		return ret;
	return process_vm_writev((pid_t)req->pid, &local, 1, &remote, 1, 0) == (ssize_t)len
		       ? 0
		       : -EFAULT;
}

static void wd_sock_close(struct wd_sock *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

/* Duplicates the app's fd: its domain and type come from the kernel, not from app memory. */
static int wd_sock_get(int listener, const struct seccomp_notif *req, uint64_t app_fd,
		       struct wd_sock *s)
{
	socklen_t len = sizeof(int);
	int err;

	s->fd = -1;
	if (app_fd > INT32_MAX)
		return -EBADF;
	s->fd = wd_thread_getfd(listener, req->id, (pid_t)req->pid, (int)app_fd);
	if (s->fd < 0)
		return s->fd;
	if (getsockopt(s->fd, SOL_SOCKET, SO_DOMAIN, &s->domain, &len) < 0) {
		err = errno;
		wd_sock_close(s);
		return -err; /* ENOTSOCK, as the kernel would say */
	}
	len = sizeof(int);
	getsockopt(s->fd, SOL_SOCKET, SO_TYPE, &s->type, &len);
	s->file_flags = fcntl(s->fd, F_GETFL);
	return 0;
}

static bool wd_is_inet(const struct wd_sock *s)
{
	return s->domain == AF_INET || s->domain == AF_INET6;
}

/* The socket of a call that may need a decision. False when `resp` already holds the answer:
 * nothing can be refused (`decides` false), a bad fd, or a socket no rule applies to. */
static bool wd_sock_to_decide(int listener, const struct seccomp_notif *req,
			      struct seccomp_notif_resp *resp, bool decides, struct wd_sock *s)
{
	int ret;

	s->fd = -1;
	if (!decides) {
		wd_continue(resp); /* the kernel may act on the app's own arguments */
		return false;
	}
	ret = wd_sock_get(listener, req, req->data.args[0], s);
	if (ret < 0) {
		wd_answer(resp, ret);
		return false;
	}
	if (!wd_is_inet(s)) {
		wd_sock_close(s);
		wd_continue(resp);
		return false;
	}
	return true;
}

static int wd_addr_read(int listener, const struct seccomp_notif *req, uint64_t ptr, uint64_t len,
			struct wd_addr *a)
{
	int ret;

	memset(a, 0, sizeof(*a));
	if (len > sizeof(a->sa))
		return -EINVAL; /* the kernel's own limit (sockaddr_storage) */
	a->len = (socklen_t)len;
	ret = wd_mem_read(listener, req, ptr, &a->sa, a->len);
	if (ret < 0)
		return ret;
	a->has_ep = wd_endpoint_from_sockaddr(&a->sa, a->len, &a->ep) == 0;
	return 0;
}

static bool wd_net_enabled(const struct wd_rule *rule)
{
	return rule && rule->network.enabled;
}

static bool wd_listening_restricted(const struct wd_rule *rule)
{
	return wd_net_enabled(rule) && rule->network.listening_count > 0;
}

static bool wd_outbound_restricted(const struct wd_rule *rule)
{
	return rule && wd_net_outbound_restricted(&rule->network);
}

/* Outbound calls need reading: an outbound list, or DNS filtering that watches port 53. */
static bool wd_outbound_checked(const struct wd_rule *rule)
{
	return wd_outbound_restricted(rule) || wd_dns_active();
}

/* Keeps the resolver threads' copy of the dns section in step with the supervisor's rule. */
static void wd_sync_dns(const struct wd_rule *rule)
{
	if (rule)
		wd_dns_publish(rule->name, rule->revision, &rule->dns, &wd_exempt);
	else
		wd_dns_publish(NULL, -1, NULL, NULL);
}

/* `raw_kind`: NULL, or "IP" / "packet" for the opening of a raw socket (protocol "raw"). */
static void wd_report_network(const struct wd_rule *rule, const struct seccomp_notif *req,
			      enum wd_verdict v, const char *direction, const char *protocol,
			      const struct wd_endpoint *ep, const char *raw_kind)
{
	struct wd_net_event e = {
		.type = WD_NET_EVENT_NETWORK,
		.verdict = v,
		.rule_name = rule->name,
		.rule_revision = rule->revision,
		.tid = (pid_t)req->pid,
		.direction = direction,
		.protocol = protocol,
		.endpoint = ep,
		.raw_kind = raw_kind,
	};

	wd_report_net(&e);
}

static void wd_report(const struct wd_rule *rule, const struct seccomp_notif *req,
		      enum wd_verdict v, const char *direction, const struct wd_sock *s,
		      const struct wd_endpoint *ep)
{
	wd_report_network(rule, req, v, direction, wd_protocol_name(s), ep, NULL);
}

/* Does the app's CapEff include `cap`? The defender may hold more than the app; binds it performs
 * for the app must not lend it privileges. */
static bool wd_target_has_cap(pid_t tid, int cap)
{
	char path[64], line[256];
	unsigned long long eff = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "CapEff:", 7) == 0)
			eff = strtoull(line + 7, NULL, 16);
	fclose(f);
	return (eff >> cap) & 1;
}

int wd_net_handle_bind(int listener, const struct seccomp_notif *req,
			struct seccomp_notif_resp *resp, const struct wd_rule *rule)
{
	struct wd_sock s;
	struct wd_addr a;
	enum wd_verdict v = WD_VERDICT_ALLOW;
	int ret;

	if (!wd_sock_to_decide(listener, req, resp, wd_listening_restricted(rule), &s))
		return 0;
	if (s.type != SOCK_DGRAM) {
		wd_continue(resp); /* TCP is decided at listen */
		goto out;
	}
	ret = wd_addr_read(listener, req, req->data.args[1], req->data.args[2], &a);
	if (ret < 0) {
		wd_answer(resp, ret);
		goto out;
	}
	if (a.has_ep && a.ep.port != 0) {
		v = wd_net_decide_listen(&rule->network, &a.ep);
		wd_count_verdict(v);
		if (v != WD_VERDICT_ALLOW)
			wd_report(rule, req, v, "listen", &s, &a.ep);
		if (v == WD_VERDICT_PREVENT) {
			wd_answer(resp, -EACCES);
			goto out;
		}
		if (a.ep.port < wd_unprivileged_port_start &&
		    !wd_target_has_cap((pid_t)req->pid, WD_CAP_NET_BIND_SERVICE)) {
			wd_answer(resp, -EACCES);
			goto out;
		}
	}
	wd_answer(resp, bind(s.fd, (struct sockaddr *)&a.sa, a.len) < 0 ? -errno : 0);
out:
	wd_sock_close(&s);
	return 0;
}

int wd_net_handle_listen(int listener, const struct seccomp_notif *req,
			  struct seccomp_notif_resp *resp, const struct wd_rule *rule)
{
	struct sockaddr_storage local;
	socklen_t len = sizeof(local);
	struct wd_endpoint ep;
	struct wd_sock s;
	enum wd_verdict v;

	if (!wd_sock_to_decide(listener, req, resp, wd_listening_restricted(rule), &s))
		return 0;
	if (getsockname(s.fd, (struct sockaddr *)&local, &len) < 0 ||
	    wd_endpoint_from_sockaddr(&local, len, &ep) < 0) {
		wd_answer(resp, -EACCES); /* cannot tell the port: fail closed */
		goto out;
	}
	/* port 0: not bound yet, listen would pick a random port */
	v = wd_net_decide_listen(&rule->network, &ep);
	wd_count_verdict(v);
	if (v != WD_VERDICT_ALLOW)
		wd_report(rule, req, v, "listen", &s, &ep);
	if (v == WD_VERDICT_PREVENT)
		wd_answer(resp, -EACCES);
	else /* on the socket that was checked, whatever the app's fd table says by now */
		wd_answer(resp, listen(s.fd, (int)req->data.args[1]) < 0 ? -errno : 0);
out:
	wd_sock_close(&s);
	return 0;
}

struct wd_connect_wait {
	int listener;
	uint64_t id;
	int fd;
};

/* A blocking connect still in progress: wait for it off the supervisor thread, then answer. */
static void *wd_connect_waiter(void *arg)
{
	struct wd_connect_wait *w = arg;
	struct seccomp_notif_resp resp = {.id = w->id};
	struct pollfd p = {.fd = w->fd, .events = POLLOUT};
	int err = 0;
	socklen_t len = sizeof(err);

	while (poll(&p, 1, -1) < 0 && errno == EINTR)
		;
	getsockopt(w->fd, SOL_SOCKET, SO_ERROR, &err, &len);
	resp.error = -err;
	if (ioctl(w->listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) < 0 && errno != ENOENT)
		wd_log("cannot answer a connect: %s", strerror(errno));
	close(w->fd);
	free(w);
	return NULL;
}

/* Connects the checked socket to the checked address itself. Returns 1 when the answer was handed
 * to a waiter thread. */
static int wd_perform_connect(int listener, const struct seccomp_notif *req,
			      struct seccomp_notif_resp *resp, struct wd_sock *s,
			      const struct wd_addr *a)
{
	bool blocking = !(s->file_flags & O_NONBLOCK) && s->type == SOCK_STREAM;
	struct pollfd p = {.fd = s->fd, .events = POLLOUT};
	struct wd_connect_wait *w;
	int r, err = 0;
	socklen_t len = sizeof(err);

	if (blocking)
		fcntl(s->fd, F_SETFL, s->file_flags | O_NONBLOCK);
	r = connect(s->fd, (const struct sockaddr *)&a->sa, a->len) < 0 ? -errno : 0;
	if (blocking)
		fcntl(s->fd, F_SETFL, s->file_flags);
	if (r != -EINPROGRESS || !blocking) {
		wd_answer(resp, r);
		return 0;
	}
	/* loopback peers are usually connected already */
	if (poll(&p, 1, 0) == 1) {
		getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len);
		wd_answer(resp, -err);
		return 0;
	}
	w = malloc(sizeof(*w));
	if (!w) {
		wd_answer(resp, -ENOMEM);
		return 0;
	}
	*w = (struct wd_connect_wait){.listener = listener, .id = req->id, .fd = s->fd};
	if (wd_thread_start("ward-connect", wd_connect_waiter, w, 64 * 1024, NULL) < 0) {
		free(w);
		wd_answer(resp, -EAGAIN);
		return 0;
	}
	s->fd = -1; /* the waiter owns it now */
	return 1;
}

static bool wd_fd_cloexec(pid_t tid, uint64_t fd)
{
	char path[64], line[128];
	unsigned long flags = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%llu", tid, (unsigned long long)fd);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "flags:", 6) == 0)
			flags = strtoul(line + 6, NULL, 8);
	fclose(f);
	return flags & O_CLOEXEC;
}

/* Without SECCOMP_IOCTL_NOTIF_ADDFD (Linux 5.9) the app's fd cannot be replaced: its own socket
 * (the defender's duplicate is the same socket) is bound to loopback, made known to the resolver
 * and connected to it. A socket bound before it connects (rare for DNS) cannot be moved to
 * loopback and is refused. Returns 1 when the answer was handed to a waiter thread. */
static int wd_redirect_dns_in_place(int listener, const struct seccomp_notif *req,
				    struct seccomp_notif_resp *resp, struct wd_sock *s,
				    const struct wd_endpoint *server)
{
	struct wd_addr to = {0};
	struct sockaddr_storage local;
	socklen_t local_len = sizeof(local);
	struct wd_endpoint local_ep;

	if ((s->type != SOCK_DGRAM && s->type != SOCK_STREAM) ||
	    wd_dnsproxy_address(s->domain, s->type, &to.sa, &to.len) < 0) {
		wd_answer(resp, -EACCES);
		return 0;
	}
	local = to.sa;
	if (s->domain == AF_INET6)
		((struct sockaddr_in6 *)&local)->sin6_port = 0;
	else
		((struct sockaddr_in *)&local)->sin_port = 0;
	if (bind(s->fd, (struct sockaddr *)&local, to.len) < 0 ||
	    getsockname(s->fd, (struct sockaddr *)&local, &local_len) < 0 ||
	    wd_endpoint_from_sockaddr(&local, local_len, &local_ep) < 0) {
		wd_answer(resp, -EACCES);
		return 0;
	}
	wd_dnsproxy_register(s->type, local_ep.port, server, (pid_t)req->pid);
	return wd_perform_connect(listener, req, resp, s, &to);
}

/* connect() to port 53 while DNS filtering is on: the app's fd becomes a socket of the same kind
 * connected to the defender's resolver, so every later query on it is checked. */
static int wd_redirect_dns(int listener, const struct seccomp_notif *req, const struct wd_sock *s,
			   const struct wd_endpoint *server)
{
	struct seccomp_notif_addfd addfd = {.id = req->id, .flags = SECCOMP_ADDFD_FLAG_SETFD};
	struct sockaddr_storage to, local;
	socklen_t to_len, local_len;
	struct wd_endpoint local_ep;
	int fd = -1, r, domain = s->domain;

	if (s->type != SOCK_DGRAM && s->type != SOCK_STREAM)
		return -EACCES;
	for (;;) {
		if (wd_dnsproxy_address(domain, s->type, &to, &to_len) < 0)
			return -EACCES;
		fd = socket(domain, s->type | SOCK_CLOEXEC |
					    (s->file_flags & O_NONBLOCK ? SOCK_NONBLOCK : 0), 0);
		if (fd < 0)
			return -errno;
		/* bound first: the resolver must know this client before its first byte arrives */
		local = to;
		if (domain == AF_INET6)
			((struct sockaddr_in6 *)&local)->sin6_port = 0;
		else
			((struct sockaddr_in *)&local)->sin_port = 0;
		local_len = sizeof(local);
		if (bind(fd, (struct sockaddr *)&local, to_len) == 0 &&
		    getsockname(fd, (struct sockaddr *)&local, &local_len) == 0 &&
		    wd_endpoint_from_sockaddr(&local, local_len, &local_ep) == 0)
			break;
		close(fd);
		if (domain == AF_INET)
			return -EACCES;
		domain = AF_INET; /* a v6-only stack cannot use 127.0.0.1 mapped: use IPv4 */
	}
	wd_dnsproxy_register(s->type, local_ep.port, server, (pid_t)req->pid);
	r = connect(fd, (struct sockaddr *)&to, to_len) < 0 ? -errno : 0;
	if (r < 0 && r != -EINPROGRESS) {
		close(fd);
		return r;
	}
	addfd.srcfd = (uint32_t)fd;
	addfd.newfd = (uint32_t)req->data.args[0];
	addfd.newfd_flags = wd_fd_cloexec((pid_t)req->pid, req->data.args[0]) ? O_CLOEXEC : 0;
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_ADDFD, &addfd) < 0)
		r = -errno;
	close(fd);
	return r;
}

/* The outbound / DNS decision for a destination; returns 0 to go ahead or the error to answer. */
static int wd_decide_outbound(const struct wd_rule *rule, const struct seccomp_notif *req,
			      const struct wd_sock *s, const struct wd_endpoint *ep)
{
	enum wd_verdict v = wd_net_decide_outbound(&rule->network, ep, &wd_exempt);

	wd_count_verdict(v);
	if (v != WD_VERDICT_ALLOW)
		wd_report(rule, req, v, "outbound", s, ep);
	if (v != WD_VERDICT_PREVENT)
		return 0;
	return s->type == SOCK_STREAM ? -ECONNREFUSED : -EACCES;
}

int wd_net_handle_connect(int listener, const struct seccomp_notif *req,
				   struct seccomp_notif_resp *resp, const struct wd_rule *rule)
{
	struct wd_sock s;
	struct wd_addr a;
	int ret, deferred = 0;

	wd_sync_dns(rule);
	if (!wd_sock_to_decide(listener, req, resp, wd_outbound_checked(rule), &s))
		return 0;
	ret = wd_addr_read(listener, req, req->data.args[1], req->data.args[2], &a);
	if (ret < 0) {
		wd_answer(resp, ret);
		goto out;
	}
	/* the outbound rule first, port 53 included: DNS rules filter names, they do not open
	 * addresses (an app's own nameserver could carry a tunnel) */
	if (a.has_ep && wd_outbound_restricted(rule)) {
		ret = wd_decide_outbound(rule, req, &s, &a.ep);
		if (ret < 0) {
			wd_answer(resp, ret);
			goto out;
		}
	}
	if (a.has_ep && a.ep.port == WD_DNS_PORT && wd_dns_active()) {
		if (wd_kernel.addfd)
			wd_answer(resp, wd_redirect_dns(listener, req, &s, &a.ep));
		else
			deferred = wd_redirect_dns_in_place(listener, req, resp, &s, &a.ep);
		goto out;
	}
	deferred = wd_perform_connect(listener, req, resp, &s, &a);
out:
	wd_sock_close(&s);
	return deferred;
}


/* A DNS query sent with an explicit address (musl, custom code): decided on the copied payload. */
static int wd_check_dns_payload(const uint8_t *msg, size_t len, pid_t tid)
{
	struct wd_dns_query q;

	if (wd_dns_parse_query(msg, len, &q) < 0)
		return -EACCES; /* unreadable queries could carry any name */
	return wd_dns_check(q.name, q.qtype, tid) == WD_VERDICT_PREVENT ? -EACCES : 0;
}

/* The decision for one datagram to `a` (or to the connected peer when a is NULL). */
static int wd_decide_send(const struct wd_rule *rule, const struct seccomp_notif *req,
			  const struct wd_sock *s, const struct wd_addr *a, const uint8_t *payload,
			  size_t len)
{
	struct sockaddr_storage peer;
	socklen_t peer_len = sizeof(peer);
	struct wd_endpoint ep;

	if (a && !a->has_ep)
		return 0; /* the kernel refuses it itself when we send it */
	if (a)
		ep = a->ep;
	else if (getpeername(s->fd, (struct sockaddr *)&peer, &peer_len) < 0 ||
		 wd_endpoint_from_sockaddr(&peer, peer_len, &ep) < 0)
		return 0; /* not connected: the send fails with the kernel's error */
	if (a && wd_outbound_restricted(rule)) {
		/* connected peers were decided at connect; port 53 too must pass the outbound rule */
		int ret = wd_decide_outbound(rule, req, s, &ep);
		if (ret < 0)
			return ret;
	}
	if (ep.port == WD_DNS_PORT && wd_dns_active() && !wd_dnsproxy_is_resolver(&ep)) {
		/* a TCP fast-open to port 53 would be a DNS stream nobody reads: refused */
		if (s->type != SOCK_DGRAM)
			return -EACCES;
		return wd_check_dns_payload(payload, len, (pid_t)req->pid);
	}
	return 0;
}


/* TCP ignores a send's address unless it opens the connection (MSG_FASTOPEN). */
static bool wd_send_opens_nothing(const struct wd_sock *s, uint64_t flags)
{
	return s->type == SOCK_STREAM && !(flags & MSG_FASTOPEN);
}

int wd_net_handle_sendto(int listener, const struct seccomp_notif *req,
			  struct seccomp_notif_resp *resp, const struct wd_rule *rule)
{
	uint64_t len = req->data.args[2], flags = req->data.args[3];
	struct wd_sock s;
	struct wd_addr a;
	int ret;

	wd_sync_dns(rule);
	if (!wd_sock_to_decide(listener, req, resp, wd_outbound_checked(rule), &s))
		return 0;
	if (wd_send_opens_nothing(&s, flags)) {
		wd_continue(resp);
		goto out;
	}
	if (len > WD_MAX_PAYLOAD) {
		/* bigger than any datagram; a fast-open stream sends what fits, as TCP may */
		if (s.type == SOCK_DGRAM) {
			wd_answer(resp, -EMSGSIZE);
			goto out;
		}
		len = WD_MAX_PAYLOAD;
	}
	ret = wd_addr_read(listener, req, req->data.args[4], req->data.args[5], &a);
	if (ret == 0)
		ret = wd_mem_read(listener, req, req->data.args[1], wd_payload, len);
	if (ret == 0)
		ret = wd_decide_send(rule, req, &s, &a, wd_payload, len);
	if (ret == 0)
		ret = sendto(s.fd, wd_payload, len, (int)flags | MSG_NOSIGNAL,
			     (struct sockaddr *)&a.sa, a.len) < 0
			      ? -errno
			      : 0;
	wd_answer(resp, ret < 0 ? ret : (long)len);
out:
	wd_sock_close(&s);
	return 0;
}

/* One message copied out of the app: name, data gathered into one buffer, control. */
struct wd_msg_copy {
	struct wd_addr addr;
	bool has_name;
	size_t len;
	uint8_t control[WD_MAX_CONTROL];
	size_t control_len;
};

/* The 64-bit kernel layouts of msghdr, iovec and mmsghdr, whatever the C library declares. */
struct wd_kmsghdr {
	uint64_t name;
	uint32_t namelen;
	uint32_t pad1;
	uint64_t iov;
	uint64_t iovlen;
	uint64_t control;
	uint64_t controllen;
	uint32_t flags;
	uint32_t pad2;
};

struct wd_kiovec {
	uint64_t base;
	uint64_t len;
};

#define WD_KMMSGHDR_SIZE 64 /* msghdr + unsigned msg_len, padded */
#define WD_KMMSGHDR_LEN_OFFSET 56

static int wd_msg_read(int listener, const struct seccomp_notif *req, uint64_t msg_ptr,
		       const struct wd_sock *s, struct wd_msg_copy *m, uint8_t *data)
{
	struct wd_kmsghdr h;
	struct wd_kiovec iov[64];
	int ret = wd_mem_read(listener, req, msg_ptr, &h, sizeof(h));

	if (ret < 0)
		return ret;
	memset(&m->addr, 0, sizeof(m->addr));
	m->has_name = h.name != 0;
	if (m->has_name) {
		ret = wd_addr_read(listener, req, h.name, h.namelen, &m->addr);
		if (ret < 0)
			return ret;
	}
	if (h.iovlen > WD_MAX_IOV)
		return -EMSGSIZE;
	m->len = 0;
	for (uint64_t done = 0; done < h.iovlen;) {
		uint64_t batch = h.iovlen - done < 64 ? h.iovlen - done : 64;
		ret = wd_mem_read(listener, req, h.iov + done * sizeof(struct wd_kiovec), iov,
				  batch * sizeof(struct wd_kiovec));
		if (ret < 0)
			return ret;
		for (uint64_t i = 0; i < batch; i++) {
			uint64_t take = iov[i].len;
			if (take > WD_MAX_PAYLOAD - m->len) {
				if (s->type == SOCK_DGRAM)
					return -EMSGSIZE;
				take = WD_MAX_PAYLOAD - m->len;
			}
			ret = wd_mem_read(listener, req, iov[i].base, data + m->len, take);
			if (ret < 0)
				return ret;
			m->len += take;
		}
		done += batch;
	}
	if (h.controllen > WD_MAX_CONTROL)
		return -ENOBUFS;
	m->control_len = h.control ? h.controllen : 0;
	return wd_mem_read(listener, req, h.control, m->control, m->control_len);
}

/* Checks and sends one copied message on the checked socket; returns bytes sent or -errno. */
static long wd_msg_send(const struct wd_rule *rule, const struct seccomp_notif *req,
			const struct wd_sock *s, struct wd_msg_copy *m, uint8_t *data, int flags)
{
	struct iovec iov = {.iov_base = data, .iov_len = m->len};
	struct msghdr h = {.msg_iov = &iov, .msg_iovlen = 1};
	int ret = wd_decide_send(rule, req, s, m->has_name ? &m->addr : NULL, data, m->len);

	if (ret < 0)
		return ret;
	if (m->has_name) {
		h.msg_name = &m->addr.sa;
		h.msg_namelen = m->addr.len;
	}
	if (m->control_len) {
		h.msg_control = m->control;
		h.msg_controllen = m->control_len;
	}
	ssize_t n = sendmsg(s->fd, &h, flags | MSG_NOSIGNAL);
	return n < 0 ? -errno : n;
}

int wd_net_handle_sendmsg(int listener, const struct seccomp_notif *req,
			   struct seccomp_notif_resp *resp, const struct wd_rule *rule)
{
	static struct wd_msg_copy m;
	struct wd_sock s;
	int ret;

	wd_sync_dns(rule);
	if (!wd_sock_to_decide(listener, req, resp, wd_outbound_checked(rule), &s))
		return 0;
	if (wd_send_opens_nothing(&s, req->data.args[2])) {
		wd_continue(resp);
		goto out;
	}
	ret = wd_msg_read(listener, req, req->data.args[1], &s, &m, wd_payload);
	wd_answer(resp, ret < 0 ? ret : wd_msg_send(rule, req, &s, &m, wd_payload,
						      (int)req->data.args[2]));
out:
	wd_sock_close(&s);
	return 0;
}

int wd_net_handle_sendmmsg(int listener, const struct seccomp_notif *req,
			    struct seccomp_notif_resp *resp, const struct wd_rule *rule)
{
	static struct wd_msg_copy m;
	uint64_t vec = req->data.args[1], vlen = req->data.args[2];
	struct wd_sock s;
	long sent = 0, r = 0;

	wd_sync_dns(rule);
	if (!wd_sock_to_decide(listener, req, resp, wd_outbound_checked(rule), &s))
		return 0;
	if (wd_send_opens_nothing(&s, req->data.args[3])) {
		wd_continue(resp);
		goto out;
	}
	if (vlen > WD_MAX_MMSG)
		vlen = WD_MAX_MMSG; /* sendmmsg may send fewer than asked; the caller loops */
	for (uint64_t i = 0; i < vlen; i++) {
		uint64_t at = vec + i * WD_KMMSGHDR_SIZE;
		unsigned int n;

		r = wd_msg_read(listener, req, at, &s, &m, wd_payload);
		if (r == 0)
			r = wd_msg_send(rule, req, &s, &m, wd_payload, (int)req->data.args[3]);
		if (r < 0)
			break;
		n = (unsigned int)r;
		r = wd_mem_write(listener, req, at + WD_KMMSGHDR_LEN_OFFSET, &n, sizeof(n));
		if (r < 0)
			break;
		sent++;
	}
	wd_answer(resp, sent > 0 ? sent : r);
out:
	wd_sock_close(&s);
	return 0;
}

/* Creating a socket takes plain integers, which the kernel reads again as they are: answering
 * CONTINUE leaves nothing to race. */
int wd_net_handle_socket(int listener, const struct seccomp_notif *req,
			 struct seccomp_notif_resp *resp, const struct wd_rule *rule)
{
	int domain = (int)req->data.args[0], type = (int)req->data.args[1] & 0xf;
	struct wd_endpoint anywhere = {.family = domain == AF_INET6 ? AF_INET6 : AF_INET};
	enum wd_verdict v;

	(void)listener;
	v = wd_net_decide_raw_socket(rule ? &rule->network : NULL);
	if (v == WD_VERDICT_ALLOW) {
		wd_continue(resp);
		return 0;
	}
	wd_count_verdict(v);
	wd_report_network(rule, req, v, "outbound", "raw", &anywhere,
			  domain == AF_PACKET || type == SOCK_PACKET ? "packet" : "IP");
	if (v == WD_VERDICT_PREVENT)
		wd_answer(resp, -EPERM); /* what the kernel says without CAP_NET_RAW: ping falls back */
	else
		wd_continue(resp);
	return 0;
}

int wd_net_handle_recvfrom(int listener, const struct seccomp_notif *req,
			    struct seccomp_notif_resp *resp, const struct wd_rule *rule)
{
	uint64_t buf = req->data.args[1], cap = req->data.args[2], flags = req->data.args[3];
	uint64_t from = req->data.args[4], from_len_ptr = req->data.args[5];
	struct sockaddr_storage peer, server_sa;
	socklen_t peer_len = sizeof(peer), from_len;
	struct wd_endpoint peer_ep, local_ep, server;
	struct sockaddr_storage local;
	socklen_t local_len = sizeof(local);
	struct wd_sock s;
	ssize_t n;
	int ret;

	(void)rule;
	/* only sockets the defender redirected to its resolver need their source rewritten */
	if (!wd_dnsproxy_has_clients()) {
		wd_continue(resp);
		return 0;
	}
	ret = wd_sock_get(listener, req, req->data.args[0], &s);
	if (ret < 0) {
		wd_answer(resp, ret);
		return 0;
	}
	if (!wd_is_inet(&s) || s.type != SOCK_DGRAM ||
	    getpeername(s.fd, (struct sockaddr *)&peer, &peer_len) < 0 ||
	    wd_endpoint_from_sockaddr(&peer, peer_len, &peer_ep) < 0 ||
	    !wd_dnsproxy_is_resolver(&peer_ep) ||
	    getsockname(s.fd, (struct sockaddr *)&local, &local_len) < 0 ||
	    wd_endpoint_from_sockaddr(&local, local_len, &local_ep) < 0 ||
	    !wd_dnsproxy_server_of(local_ep.port, &server)) {
		wd_continue(resp);
		goto out;
	}
	ret = wd_mem_read(listener, req, from_len_ptr, &from_len, sizeof(from_len));
	if (ret < 0) {
		wd_answer(resp, ret);
		goto out;
	}
	if (cap > WD_MAX_PAYLOAD)
		cap = WD_MAX_PAYLOAD;
	n = recv(s.fd, wd_payload, cap, (int)flags | MSG_DONTWAIT);
	if (n < 0) {
		/* nothing yet on a blocking socket: let the kernel wait (the source then shows the
		 * resolver, which a strict resolver ignores; glibc and musl poll first) */
		if (errno == EAGAIN && !(s.file_flags & O_NONBLOCK) && !(flags & MSG_DONTWAIT))
			wd_continue(resp);
		else
			wd_answer(resp, -errno);
		goto out;
	}
	/* the nameserver the app asked, in the family of its socket */
	memset(&server_sa, 0, sizeof(server_sa));
	socklen_t server_len;
	if (s.domain == AF_INET6) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&server_sa;
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(server.port);
		if (server.family == AF_INET) {
			in6->sin6_addr.s6_addr[10] = in6->sin6_addr.s6_addr[11] = 0xff;
			memcpy(in6->sin6_addr.s6_addr + 12, server.addr, 4);
		} else {
			memcpy(in6->sin6_addr.s6_addr, server.addr, 16);
		}
		server_len = sizeof(*in6);
	} else {
		struct sockaddr_in *in = (struct sockaddr_in *)&server_sa;
		in->sin_family = AF_INET;
		in->sin_port = htons(server.port);
		memcpy(&in->sin_addr, server.addr, 4);
		server_len = sizeof(*in);
	}
	size_t copy = (size_t)n < cap ? (size_t)n : cap;
	ret = wd_mem_write(listener, req, buf, wd_payload, copy);
	if (ret == 0 && from)
		ret = wd_mem_write(listener, req, from, &server_sa,
				   from_len < server_len ? from_len : server_len);
	if (ret == 0)
		ret = wd_mem_write(listener, req, from_len_ptr, &server_len, sizeof(server_len));
	wd_answer(resp, ret < 0 ? ret : n);
out:
	wd_sock_close(&s);
	return 0;
}
