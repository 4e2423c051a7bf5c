/* tls: the https transport (BearSSL, TLS 1.2, certificate chain and host name checked) and its
 * trust anchors (the system bundle and the console's CA), loaded once at start. */
#include "tls.h"

#if defined(__has_include) && !__has_include(<bearssl.h>)
#error "ward-defender needs BearSSL for https consoles: apt-get install libbearssl-dev (Debian, Ubuntu)"
#endif
#include <bearssl.h>
#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "util.h"

#define WD_CA_FILE_MAX (1u << 20)
#define WD_BUNDLE_MAX (4u << 20)
#define WD_UNIX_EPOCH_DAY 719528 /* 1970-01-01 counted in days from 0000-01-01, as BearSSL counts */

/* The bundles of Debian/Ubuntu/Alpine, Fedora/RHEL, and macOS-style images, first existing wins. */
static const char *const wd_system_bundles[] = {
	"/etc/ssl/certs/ca-certificates.crt",
	"/etc/pki/tls/certs/ca-bundle.crt",
	"/etc/ssl/cert.pem",
};

/* Written only by wd_tls_load_anchors before any thread starts; read-only afterwards. */
static br_x509_trust_anchor *wd_anchors;
static size_t wd_anchors_len, wd_anchors_cap;

#define WD_EE_CERT_MAX 8192

/* BearSSL matches host names only (dNSName). For a console addressed by IP address this X.509
 * engine wraps the minimal one, which checks the chain with no name, keeps the server's own
 * certificate and then requires an iPAddress entry of its subjectAltName equal to the address. */
struct wd_ip_check {
	const br_x509_class *vtable; /* first: BearSSL passes &vtable as the context */
	const br_x509_class **inner;
	unsigned char ip[16];
	size_t ip_len;
	unsigned certs; /* certificates of the chain started so far; the first is the server's */
	size_t ee_len;
	bool ee_too_long;
	unsigned char ee[WD_EE_CERT_MAX];
};

/* One connection: BearSSL keeps all its state here (it never allocates). HTTP here is one request
 * then one response, so the half-duplex buffer (one record, ~16 KiB) is enough. */
struct wd_tls_conn {
	void *tcp;
	int first_byte; /* of the server's first record, -1 before any */
	br_ssl_client_context sc;
	br_x509_minimal_context xc;
	struct wd_ip_check ipc;
	unsigned char io[BR_SSL_BUFSIZE_MONO];
};

static const struct {
	int code;
	const char *name, *text;
} wd_tls_errors[] = {
	{BR_ERR_X509_NOT_TRUSTED, "BR_ERR_X509_NOT_TRUSTED", "certificate is not trusted"},
	{BR_ERR_X509_BAD_SERVER_NAME, "BR_ERR_X509_BAD_SERVER_NAME",
	 "certificate is not for this host name or address"},
	{BR_ERR_X509_EXPIRED, "BR_ERR_X509_EXPIRED", "certificate is expired or not yet valid"},
	{BR_ERR_X509_TIME_UNKNOWN, "BR_ERR_X509_TIME_UNKNOWN", "the clock is unknown"},
	{BR_ERR_X509_NOT_CA, "BR_ERR_X509_NOT_CA", "a certificate of the chain is not a CA"},
	{BR_ERR_X509_BAD_SIGNATURE, "BR_ERR_X509_BAD_SIGNATURE", "a certificate signature is wrong"},
	{BR_ERR_X509_WEAK_PUBLIC_KEY, "BR_ERR_X509_WEAK_PUBLIC_KEY", "certificate key is too weak"},
	{BR_ERR_X509_FORBIDDEN_KEY_USAGE, "BR_ERR_X509_FORBIDDEN_KEY_USAGE",
	 "certificate key usage forbids TLS"},
	{BR_ERR_X509_CRITICAL_EXTENSION, "BR_ERR_X509_CRITICAL_EXTENSION",
	 "certificate has an unknown critical extension"},
	{BR_ERR_X509_DN_MISMATCH, "BR_ERR_X509_DN_MISMATCH", "certificate chain is out of order"},
	{BR_ERR_X509_EMPTY_CHAIN, "BR_ERR_X509_EMPTY_CHAIN", "the console sent no certificate"},
	{BR_ERR_X509_UNSUPPORTED, "BR_ERR_X509_UNSUPPORTED", "certificate uses an unsupported feature"},
	{BR_ERR_X509_LIMIT_EXCEEDED, "BR_ERR_X509_LIMIT_EXCEEDED", "certificate chain is too long"},
	{BR_ERR_UNSUPPORTED_VERSION, "BR_ERR_UNSUPPORTED_VERSION",
	 "the console does not speak TLS 1.2 (downgrade refused)"},
	{BR_ERR_BAD_VERSION, "BR_ERR_BAD_VERSION",
	 "the console does not speak TLS 1.2 (downgrade refused)"},
	{BR_ERR_RECV_FATAL_ALERT + 70, "BR_ERR_RECV_FATAL_ALERT+protocol_version",
	 "the console does not speak TLS 1.2 (downgrade refused)"},
	{BR_ERR_RECV_FATAL_ALERT + 40, "BR_ERR_RECV_FATAL_ALERT+handshake_failure",
	 "the console accepts none of our cipher suites"},
	{BR_ERR_BAD_CIPHER_SUITE, "BR_ERR_BAD_CIPHER_SUITE",
	 "the console chose a cipher suite we did not offer"},
	{BR_ERR_NO_RANDOM, "BR_ERR_NO_RANDOM", "no random source"},
};

static int wd_tls_error_index(int err)
{
	for (size_t i = 0; i < WD_ARRAY_SIZE(wd_tls_errors); i++)
		if (wd_tls_errors[i].code == err)
			return (int)i;
	return -1;
}

const char *wd_tls_error_text(int err)
{
	int i = wd_tls_error_index(err);

	if (i >= 0)
		return wd_tls_errors[i].text;
	if (err >= BR_ERR_RECV_FATAL_ALERT && err < BR_ERR_SEND_FATAL_ALERT)
		return "the console ended the handshake with an alert";
	if (err >= BR_ERR_X509_OK && err < BR_ERR_RECV_FATAL_ALERT)
		return "certificate cannot be decoded";
	return "TLS handshake failed";
}

/* ------------------------------------------------------------------ trust anchors */

static void wd_append_to_buf(void *ctx, const void *data, size_t len)
{
	wd_buf_add(ctx, data, len);
}

static void *wd_copy(const void *data, size_t len)
{
	void *p = malloc(len ? len : 1);

	if (p)
		memcpy(p, data, len);
	return p;
}

/* Decodes one DER certificate into a trust anchor: its subject name and public key. A CA's
 * certificate anchors chains it signed; any other (a self-signed server certificate) is trusted
 * directly, for exactly that key. */
static int wd_add_anchor(const void *der, size_t len)
{
	br_x509_trust_anchor ta = {0};
	br_x509_decoder_context dc;
	struct wd_buf dn = {0};
	br_x509_pkey *pk;
	int ret = 0;

	br_x509_decoder_init(&dc, wd_append_to_buf, &dn);
	br_x509_decoder_push(&dc, der, len);
	pk = br_x509_decoder_get_pkey(&dc);
	if (!pk || dn.oom) {
		ret = -EBADMSG;
		goto out;
	}
	ta.dn.data = wd_copy(dn.data, dn.len);
	ta.dn.len = dn.len;
	ta.flags = br_x509_decoder_isCA(&dc) ? BR_X509_TA_CA : 0;
	ta.pkey.key_type = pk->key_type;
	if (pk->key_type == BR_KEYTYPE_RSA) {
		ta.pkey.key.rsa.n = wd_copy(pk->key.rsa.n, pk->key.rsa.nlen);
		ta.pkey.key.rsa.nlen = pk->key.rsa.nlen;
		ta.pkey.key.rsa.e = wd_copy(pk->key.rsa.e, pk->key.rsa.elen);
		ta.pkey.key.rsa.elen = pk->key.rsa.elen;
		if (!ta.pkey.key.rsa.n || !ta.pkey.key.rsa.e)
			ret = -ENOMEM;
	} else if (pk->key_type == BR_KEYTYPE_EC) {
		ta.pkey.key.ec.curve = pk->key.ec.curve;
		ta.pkey.key.ec.q = wd_copy(pk->key.ec.q, pk->key.ec.qlen);
		ta.pkey.key.ec.qlen = pk->key.ec.qlen;
		if (!ta.pkey.key.ec.q)
			ret = -ENOMEM;
	} else {
		ret = -EBADMSG;
	}
	if (ret == 0 && !ta.dn.data)
		ret = -ENOMEM;
	if (ret == 0 && wd_anchors_len == wd_anchors_cap) {
		size_t cap = wd_anchors_cap ? wd_anchors_cap * 2 : 16;
		br_x509_trust_anchor *grown = realloc(wd_anchors, cap * sizeof(*grown));
		if (grown) {
			wd_anchors = grown;
			wd_anchors_cap = cap;
		} else {
			ret = -ENOMEM;
		}
	}
	if (ret == 0) {
		wd_anchors[wd_anchors_len++] = ta;
	} else {
		free(ta.dn.data);
		if (ta.pkey.key_type == BR_KEYTYPE_RSA) {
			free(ta.pkey.key.rsa.n);
			free(ta.pkey.key.rsa.e);
		} else if (ta.pkey.key_type == BR_KEYTYPE_EC) {
			free(ta.pkey.key.ec.q);
		}
	}
out:
	wd_buf_free(&dn);
	return ret;
}

int wd_tls_add_pem(const char *pem, size_t len, unsigned *skipped)
{
	br_pem_decoder_context pc;
	struct wd_buf der = {0};
	bool certificate = false, done = false;
	int added = 0, ret = 0;

	br_pem_decoder_init(&pc);
	/* a final newline ends a last line without one */
	while (ret == 0 && !done) {
		size_t n;

		if (len == 0) {
			pem = "\n";
			len = 1;
			done = true;
		}
		n = br_pem_decoder_push(&pc, pem, len);
		pem += n;
		len -= n;
		switch (br_pem_decoder_event(&pc)) {
		case BR_PEM_BEGIN_OBJ:
			certificate = strcmp(br_pem_decoder_name(&pc), "CERTIFICATE") == 0 ||
				      strcmp(br_pem_decoder_name(&pc), "X509 CERTIFICATE") == 0;
			wd_buf_reset(&der);
			br_pem_decoder_setdest(&pc, wd_append_to_buf, &der);
			break;
		case BR_PEM_END_OBJ:
			if (!certificate)
				break;
			ret = der.oom ? -ENOMEM : wd_add_anchor(der.data, der.len);
			if (ret == -EBADMSG && skipped) {
				(*skipped)++;
				ret = 0;
			} else {
				added += ret == 0;
			}
			certificate = false;
			break;
		case BR_PEM_ERROR:
			ret = -EBADMSG;
			break;
		}
		if (done && len > 0)
			done = false; /* the newline was not taken yet */
	}
	wd_buf_free(&der);
	return ret < 0 ? ret : added;
}

size_t wd_tls_anchor_count(void)
{
	return wd_anchors_len;
}

static int wd_add_pem_file(const char *path, size_t max, unsigned *skipped)
{
	struct wd_buf text = {0};
	int ret = wd_read_file(path, &text, max);

	if (ret == 0)
		ret = wd_tls_add_pem(text.data ? text.data : "", text.len, skipped);
	wd_buf_free(&text);
	return ret;
}

int wd_tls_load_anchors(const char *ca_file)
{
	int ret;

	for (size_t i = 0; i < WD_ARRAY_SIZE(wd_system_bundles); i++) {
		unsigned skipped = 0;

		ret = wd_add_pem_file(wd_system_bundles[i], WD_BUNDLE_MAX, &skipped);
		if (ret == -ENOENT)
			continue;
		if (ret < 0)
			wd_log("system CA bundle %s unusable (%s): not trusted", wd_system_bundles[i],
			       strerror(-ret));
		else if (skipped)
			wd_log("system CA bundle %s: %u certificate(s) of a kind BearSSL cannot use "
			       "passed over", wd_system_bundles[i], skipped);
		break;
	}
	if (ca_file) {
		ret = wd_add_pem_file(ca_file, WD_CA_FILE_MAX, NULL);
		if (ret <= 0) {
			wd_log("--ca-file %s: %s", ca_file,
			       ret == 0 ? "holds no PEM certificate" : strerror(-ret));
			return -EINVAL;
		}
	}
	return (int)wd_anchors_len;
}

/* ------------------------------------------------------------------ IP address names */

/* Reads one DER element at *p: its tag (single byte), value and length; -1 when malformed. */
static int wd_der_next(const unsigned char **p, const unsigned char *end, unsigned *tag,
		       const unsigned char **value, size_t *len)
{
	const unsigned char *q = *p;
	size_t n;

	if (end - q < 2 || (q[0] & 0x1f) == 0x1f)
		return -1;
	*tag = q[0];
	n = q[1];
	q += 2;
	if (n & 0x80) {
		unsigned bytes = n & 0x7f;
		if (bytes == 0 || bytes > 3 || (size_t)(end - q) < bytes)
			return -1;
		for (n = 0; bytes > 0; bytes--)
			n = (n << 8) | *q++;
	}
	if ((size_t)(end - q) < n)
		return -1;
	*value = q;
	*len = n;
	*p = q + n;
	return 0;
}

/* Whether the certificate (DER) names the address in an iPAddress entry of its subjectAltName. */
bool wd_tls_cert_names_ip(const unsigned char *der, size_t der_len, const unsigned char *ip,
			  size_t ip_len)
{
	static const unsigned char san_oid[] = {0x55, 0x1d, 0x11}; /* 2.5.29.17 */
	const unsigned char *p = der, *end = der + der_len, *v, *tbs, *tbs_end;
	unsigned tag = 0;
	size_t len;

	if (wd_der_next(&p, end, &tag, &v, &len) < 0 || tag != 0x30)
		return false;
	p = v;
	end = v + len;
	if (wd_der_next(&p, end, &tag, &tbs, &len) < 0 || tag != 0x30)
		return false;
	tbs_end = tbs + len;
	for (p = tbs; p < tbs_end;) {
		if (wd_der_next(&p, tbs_end, &tag, &v, &len) < 0)
			return false;
		if (tag == 0xa3) /* [3] extensions */
			break;
	}
	if (p >= tbs_end && tag != 0xa3)
		return false;
	end = v + len;
	if (wd_der_next(&v, end, &tag, &p, &len) < 0 || tag != 0x30)
		return false;
	for (end = p + len; p < end;) {
		const unsigned char *ext, *ext_end, *oid, *names, *names_end;
		size_t oid_len;

		if (wd_der_next(&p, end, &tag, &ext, &len) < 0 || tag != 0x30)
			return false;
		ext_end = ext + len;
		if (wd_der_next(&ext, ext_end, &tag, &oid, &oid_len) < 0 || tag != 0x06)
			return false;
		if (oid_len != sizeof(san_oid) || memcmp(oid, san_oid, oid_len) != 0)
			continue;
		if (wd_der_next(&ext, ext_end, &tag, &v, &len) < 0)
			return false;
		if (tag == 0x01 && wd_der_next(&ext, ext_end, &tag, &v, &len) < 0) /* critical */
			return false;
		if (tag != 0x04 || wd_der_next(&v, v + len, &tag, &names, &len) < 0 || tag != 0x30)
			return false;
		for (names_end = names + len; names < names_end;) {
			const unsigned char *name;
			if (wd_der_next(&names, names_end, &tag, &name, &len) < 0)
				return false;
			if (tag == 0x87 && len == ip_len && memcmp(name, ip, ip_len) == 0)
				return true; /* [7] iPAddress */
		}
	}
	return false;
}

static struct wd_ip_check *wd_ipc(const br_x509_class *const *ctx)
{
	return (struct wd_ip_check *)(uintptr_t)ctx;
}

static void wd_ipc_start_chain(const br_x509_class **ctx, const char *server_name)
{
	struct wd_ip_check *c = wd_ipc(ctx);

	c->certs = 0;
	c->ee_len = 0;
	c->ee_too_long = false;
	(*c->inner)->start_chain(c->inner, server_name);
}

static void wd_ipc_start_cert(const br_x509_class **ctx, uint32_t length)
{
	struct wd_ip_check *c = wd_ipc(ctx);

	c->certs++;
	(*c->inner)->start_cert(c->inner, length);
}

static void wd_ipc_append(const br_x509_class **ctx, const unsigned char *buf, size_t len)
{
	struct wd_ip_check *c = wd_ipc(ctx);

	if (c->certs == 1) {
		if (len > sizeof(c->ee) - c->ee_len) {
			c->ee_too_long = true;
		} else {
			memcpy(c->ee + c->ee_len, buf, len);
			c->ee_len += len;
		}
	}
	(*c->inner)->append(c->inner, buf, len);
}

static void wd_ipc_end_cert(const br_x509_class **ctx)
{
	struct wd_ip_check *c = wd_ipc(ctx);

	(*c->inner)->end_cert(c->inner);
}

static unsigned wd_ipc_end_chain(const br_x509_class **ctx)
{
	struct wd_ip_check *c = wd_ipc(ctx);
	unsigned err = (*c->inner)->end_chain(c->inner);

	if (err == 0 && (c->ee_too_long || !wd_tls_cert_names_ip(c->ee, c->ee_len, c->ip, c->ip_len)))
		err = BR_ERR_X509_BAD_SERVER_NAME;
	return err;
}

static const br_x509_pkey *wd_ipc_get_pkey(const br_x509_class *const *ctx, unsigned *usages)
{
	struct wd_ip_check *c = wd_ipc(ctx);

	return (*c->inner)->get_pkey(c->inner, usages);
}

static const br_x509_class wd_ip_check_class = {
	.context_size = sizeof(struct wd_ip_check),
	.start_chain = wd_ipc_start_chain,
	.start_cert = wd_ipc_start_cert,
	.append = wd_ipc_append,
	.end_cert = wd_ipc_end_cert,
	.end_chain = wd_ipc_end_chain,
	.get_pkey = wd_ipc_get_pkey,
};

/* ------------------------------------------------------------------ the transport */

/* Drives the engine until it can do `want` (BR_SSL_SENDAPP or BR_SSL_RECVAPP), sending whatever
 * records are pending first. 0 when it can, 1 when the connection closed cleanly, negative errno
 * otherwise (-EPROTO when BearSSL failed: its reason is the engine's last error). */
static int wd_tls_pump(struct wd_tls_conn *c, unsigned want, int timeout_ms)
{
	br_ssl_engine_context *eng = &c->sc.eng;

	for (;;) {
		unsigned state = br_ssl_engine_current_state(eng);
		unsigned char *buf;
		size_t len;
		ssize_t n;

		if (state & BR_SSL_CLOSED)
			return br_ssl_engine_last_error(eng) == BR_ERR_OK ? 1 : -EPROTO;
		if (state & BR_SSL_SENDREC) {
			buf = br_ssl_engine_sendrec_buf(eng, &len);
			n = wd_tcp_transport.send(c->tcp, buf, len, timeout_ms);
			if (n < 0)
				return (int)n;
			br_ssl_engine_sendrec_ack(eng, (size_t)n);
			continue;
		}
		if (state & want)
			return 0;
		if (state & BR_SSL_RECVREC) {
			buf = br_ssl_engine_recvrec_buf(eng, &len);
			n = wd_tcp_transport.recv(c->tcp, buf, len, timeout_ms);
			if (n < 0)
				return (int)n;
			if (n == 0) /* closed without close_notify: the HTTP parser sees the end */
				return 1;
			if (c->first_byte < 0)
				c->first_byte = buf[0];
			br_ssl_engine_recvrec_ack(eng, (size_t)n);
			continue;
		}
		br_ssl_engine_flush(eng, 0);
		if (br_ssl_engine_current_state(eng) == state)
			return -EPROTO; /* nothing to send, nothing to wait for: cannot happen */
	}
}

/* Logs why a handshake failed (one line naming the console) and returns the errno for the caller:
 * -EKEYREJECTED for a refused certificate, -EPROTO for the protocol, the transport's own error
 * (timeout, reset: logged by the caller) as is. */
static int wd_tls_refused(const struct wd_tls_conn *c, const char *host, int port, int ret)
{
	int err = br_ssl_engine_last_error(&c->sc.eng), i = wd_tls_error_index(err);
	const char *open = strchr(host, ':') ? "[" : "", *close = *open ? "]" : "";

	if (ret < 0 && err == BR_ERR_OK)
		return ret;
	if (c->first_byte >= 0 && (c->first_byte < 20 || c->first_byte > 24))
		/* not a TLS record (20..24) at all: plain http on this port, say */
		wd_log("console https://%s%s%s:%d: answers without TLS (an http port?)", open, host,
		       close, port);
	else if (ret > 0)
		wd_log("console https://%s%s%s:%d: closed the connection during the TLS handshake", open,
		       host, close, port);
	else
		wd_log("console https://%s%s%s:%d: %s (BearSSL error %d %s)", open, host, close, port,
		       wd_tls_error_text(err), err, i >= 0 ? wd_tls_errors[i].name : "");
	if (err >= BR_ERR_X509_OK && err < BR_ERR_RECV_FATAL_ALERT)
		return -EKEYREJECTED;
	return ret > 0 ? -ECONNRESET : -EPROTO;
}

static void wd_tls_free(struct wd_tls_conn *c)
{
	if (c->tcp)
		wd_tcp_transport.close(c->tcp);
	free(c);
}

/* The handshake runs to its end here, so nothing of the request (its token least of all) is ever
 * handed to a console whose certificate was refused. */
static int wd_tls_open(const char *host, int port, int timeout_ms, void **out)
{
	struct wd_tls_conn *c;
	unsigned char seed[32];
	const char *server_name = host;
	time_t now = time(NULL);
	int ret;

	c = malloc(sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->tcp = NULL;
	c->first_byte = -1;
	br_ssl_client_init_full(&c->sc, &c->xc, wd_anchors, wd_anchors_len);
	br_ssl_engine_set_versions(&c->sc.eng, BR_TLS12, BR_TLS12);
	br_x509_minimal_set_time(&c->xc, (uint32_t)(WD_UNIX_EPOCH_DAY + now / 86400),
				 (uint32_t)(now % 86400));
	br_ssl_engine_set_buffer(&c->sc.eng, c->io, sizeof(c->io), 0);
	if (getrandom(seed, sizeof(seed), 0) != sizeof(seed)) {
		ret = -errno;
		goto fail;
	}
	br_ssl_engine_inject_entropy(&c->sc.eng, seed, sizeof(seed));
	explicit_bzero(seed, sizeof(seed));
	/* an address is never sent as SNI; wd_ip_check matches it instead of the name */
	if (inet_pton(AF_INET, host, c->ipc.ip) == 1 || inet_pton(AF_INET6, host, c->ipc.ip) == 1) {
		c->ipc.vtable = &wd_ip_check_class;
		c->ipc.inner = &c->xc.vtable;
		c->ipc.ip_len = strchr(host, ':') ? 16 : 4;
		br_ssl_engine_set_x509(&c->sc.eng, &c->ipc.vtable);
		server_name = NULL;
	}
	if (!br_ssl_client_reset(&c->sc, server_name, 0)) {
		ret = -EPROTO;
		goto fail;
	}
	ret = wd_tcp_transport.open(host, port, timeout_ms, &c->tcp);
	if (ret < 0)
		goto fail;
	ret = wd_tls_pump(c, BR_SSL_SENDAPP, timeout_ms);
	if (ret != 0) {
		ret = wd_tls_refused(c, host, port, ret);
		goto fail;
	}
	*out = c;
	return 0;
fail:
	wd_tls_free(c);
	return ret;
}

static ssize_t wd_tls_send(void *conn, const void *data, size_t len, int timeout_ms)
{
	struct wd_tls_conn *c = conn;
	br_ssl_engine_context *eng = &c->sc.eng;
	unsigned char *buf;
	size_t avail;
	int ret;

	ret = wd_tls_pump(c, BR_SSL_SENDAPP, timeout_ms);
	if (ret != 0)
		return ret < 0 ? ret : -EPIPE;
	buf = br_ssl_engine_sendapp_buf(eng, &avail);
	if (avail > len)
		avail = len;
	memcpy(buf, data, avail);
	br_ssl_engine_sendapp_ack(eng, avail);
	br_ssl_engine_flush(eng, 0);
	/* pumping until the engine takes data again sends the records just made */
	ret = wd_tls_pump(c, BR_SSL_SENDAPP | BR_SSL_RECVAPP, timeout_ms);
	if (ret < 0)
		return ret;
	return (ssize_t)avail;
}

static ssize_t wd_tls_recv(void *conn, void *data, size_t len, int timeout_ms)
{
	struct wd_tls_conn *c = conn;
	br_ssl_engine_context *eng = &c->sc.eng;
	unsigned char *buf;
	size_t avail;
	int ret;

	ret = wd_tls_pump(c, BR_SSL_RECVAPP, timeout_ms);
	if (ret != 0)
		return ret < 0 ? ret : 0;
	buf = br_ssl_engine_recvapp_buf(eng, &avail);
	if (avail > len)
		avail = len;
	memcpy(data, buf, avail);
	br_ssl_engine_recvapp_ack(eng, avail);
	return (ssize_t)avail;
}

static void wd_tls_close(void *conn)
{
	wd_tls_free(conn); /* one request per connection: no close_notify needed for framing */
}

const struct wd_transport wd_tls_transport = {
	.scheme = "https",
	.default_port = 443,
	.open = wd_tls_open,
	.send = wd_tls_send,
	.recv = wd_tls_recv,
	.close = wd_tls_close,
};

#ifndef __GLIBC__
/* Debian's libbearssl.a is built against glibc with _FORTIFY_SOURCE, so its objects call these
 * checked variants, which musl does not have. Same contract: abort when the copy would overflow. */
void *__memcpy_chk(void *dst, const void *src, size_t len, size_t dstlen);
void *__memmove_chk(void *dst, const void *src, size_t len, size_t dstlen);
void *__memset_chk(void *dst, int c, size_t len, size_t dstlen);

void *__memcpy_chk(void *dst, const void *src, size_t len, size_t dstlen)
{
	if (len > dstlen)
		abort();
	return memcpy(dst, src, len);
}

void *__memmove_chk(void *dst, const void *src, size_t len, size_t dstlen)
{
	if (len > dstlen)
		abort();
	return memmove(dst, src, len);
}

void *__memset_chk(void *dst, int c, size_t len, size_t dstlen)
{
	if (len > dstlen)
		abort();
	return memset(dst, c, len);
}
#endif
