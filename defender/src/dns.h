/* dns: the DNS wire format the defender's filtering resolver needs — read the question of a query,
 * answer a blocked one with NXDOMAIN/REFUSED, and frame messages over TCP. */
#ifndef WD_DNS_H
#define WD_DNS_H

#include <stddef.h>
#include <stdint.h>

#include "net.h"

#define WD_DNS_PORT 53
#define WD_DNS_HEADER_LEN 12
#define WD_DNS_MAX_UDP 65535

enum wd_dns_rcode {
	WD_DNS_NOERROR = 0,
	WD_DNS_FORMERR = 1,
	WD_DNS_SERVFAIL = 2,
	WD_DNS_NXDOMAIN = 3,
	WD_DNS_REFUSED = 5,
};

struct wd_dns_query {
	uint16_t id;
	uint16_t flags;
	char name[WD_DOMAIN_MAX]; /* normalised: lower case, no trailing dot; "." for the root */
	uint16_t qtype;
	uint16_t qclass;
	size_t question_end; /* offset just after QTYPE/QCLASS */
};

/* Reads a standard query (QR=0, opcode QUERY, exactly one question). Compression pointers must
 * point strictly backwards past every earlier jump, so loops are impossible. -EBADMSG when
 * malformed, truncated, or when the name has characters no host name has. */
int wd_dns_parse_query(const uint8_t *msg, size_t len, struct wd_dns_query *out);

/* "A", "AAAA", "TXT", ... or "TYPE<n>" (RFC 3597) for the rest. */
const char *wd_dns_type_name(uint16_t qtype, char buf[16]);

/* Writes an answer to `query` with `rcode`, the question echoed and no records; returns its length
 * or -ENOSPC. Needs the parsed query (its question must be uncompressed, as wd_dns_parse_query
 * guarantees for a lone question). */
int wd_dns_build_answer(const uint8_t *query, const struct wd_dns_query *q, enum wd_dns_rcode rcode,
			uint8_t *out, size_t cap);

/* TCP carries each message after a 2-byte big-endian length. Returns the bytes a complete framed
 * message occupies in `stream` (with msg and msg_len set), or -EAGAIN when more bytes are needed. */
int wd_dns_tcp_next(const uint8_t *stream, size_t len, const uint8_t **msg, size_t *msg_len);
/* Writes the 2-byte length prefix for a message of `len` bytes; -EMSGSIZE over 65535. */
int wd_dns_tcp_prefix(size_t len, uint8_t out[2]);

#endif
