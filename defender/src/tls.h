/* tls: the https transport (BearSSL, TLS 1.2, certificate chain and host name checked) and its
 * trust anchors (the system bundle and the console's CA), loaded once at start. */
#ifndef WD_TLS_H
#define WD_TLS_H

#include <stdbool.h>
#include <stddef.h>

#include "transport.h"

extern const struct wd_transport wd_tls_transport;

/* Loads the trust anchors once, before any thread starts: the first system bundle that exists and
 * the PEM file `ca_file` (may be NULL). Returns how many anchors there are, or -EINVAL after a
 * one-line log when `ca_file` cannot be read or holds no usable certificate. */
int wd_tls_load_anchors(const char *ca_file);
/* Adds the certificates of one PEM text as trust anchors: how many, or -EBADMSG when the text is
 * not PEM or a certificate cannot be decoded (the anchors before it stay). With `skipped`, a
 * certificate BearSSL cannot decode (an unsupported key type in a system bundle) is counted
 * there and passed over instead. */
int wd_tls_add_pem(const char *pem, size_t len, unsigned *skipped);
size_t wd_tls_anchor_count(void);
/* Whether a DER certificate names the address (4 or 16 bytes) in its subjectAltName. */
bool wd_tls_cert_names_ip(const unsigned char *der, size_t der_len, const unsigned char *ip,
			  size_t ip_len);
/* Words for a BearSSL error code ("certificate is not trusted"). */
const char *wd_tls_error_text(int err);

#endif
