/* dns: the DNS wire format the defender's filtering resolver needs — read the question of a query,
 * answer a blocked one with NXDOMAIN/REFUSED, and frame messages over TCP. */
#include "dns.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define WD_DNS_FLAG_QR 0x8000
#define WD_DNS_OPCODE_MASK 0x7800
#define WD_DNS_FLAG_RD 0x0100
#define WD_DNS_FLAG_RA 0x0080
#define WD_DNS_MAX_JUMPS 16

static uint16_t wd_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void wd_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Reads the QNAME at *pos into dotted text; on return *pos is just after the name as it appears
 * in place (after the first pointer when compressed). */
static int wd_read_name(const uint8_t *msg, size_t len, size_t *pos, char *text, size_t cap)
{
	size_t at = *pos, out = 0, wire = 0, end = 0;
	size_t floor = *pos; /* a pointer must land before every place we have read from */
	int jumps = 0;

	for (;;) {
		if (at >= len)
			return -EBADMSG;
		uint8_t n = msg[at];

		if ((n & 0xc0) == 0xc0) {
			if (at + 1 >= len || ++jumps > WD_DNS_MAX_JUMPS)
				return -EBADMSG;
			size_t target = (size_t)(n & 0x3f) << 8 | msg[at + 1];

			if (!end)
				end = at + 2;
			if (target < WD_DNS_HEADER_LEN || target >= floor)
				return -EBADMSG;
			floor = target;
			at = target;
			continue;
		}
		if (n & 0xc0) /* 0x40 / 0x80: extended label types, never in a query */
			return -EBADMSG;
		wire += (size_t)n + 1;
		if (wire > 255)
			return -EBADMSG;
		if (n == 0) {
			at++;
			break;
		}
		if (at + 1 + n > len)
			return -EBADMSG;
		if (out && out + 1 < cap)
			text[out++] = '.';
		for (size_t i = 0; i < n; i++) {
			char c = (char)msg[at + 1 + i];

			/* a '.' inside a label would make the text mean another name */
			if (c == '.' || c <= ' ' || c > '~')
				return -EBADMSG;
			if (out + 1 < cap)
				text[out++] = c;
		}
		at += 1 + (size_t)n;
	}
	text[out] = '\0';
	*pos = end ? end : at;
	return 0;
}

int wd_dns_parse_query(const uint8_t *msg, size_t len, struct wd_dns_query *out)
{
	char raw[WD_DOMAIN_MAX + 8];
	size_t pos = WD_DNS_HEADER_LEN;
	int ret;

	if (len < WD_DNS_HEADER_LEN)
		return -EBADMSG;
	out->id = wd_get16(msg);
	out->flags = wd_get16(msg + 2);
	if ((out->flags & WD_DNS_FLAG_QR) || (out->flags & WD_DNS_OPCODE_MASK) != 0)
		return -EBADMSG;
	/* one question only: a second one would be a name nobody checked */
	if (wd_get16(msg + 4) != 1 || wd_get16(msg + 6) != 0 || wd_get16(msg + 8) != 0)
		return -EBADMSG;
	ret = wd_read_name(msg, len, &pos, raw, sizeof(raw));
	if (ret < 0)
		return ret;
	if (pos + 4 > len)
		return -EBADMSG;
	out->qtype = wd_get16(msg + pos);
	out->qclass = wd_get16(msg + pos + 2);
	out->question_end = pos + 4;
	if (raw[0] == '\0') {
		strcpy(out->name, ".");
		return 0;
	}
	return wd_domain_normalize(raw, out->name) < 0 ? -EBADMSG : 0;
}

const char *wd_dns_type_name(uint16_t qtype, char buf[16])
{
	static const struct {
		uint16_t type;
		const char *name;
	} names[] = {
		{1, "A"},	 {2, "NS"},	   {5, "CNAME"}, {6, "SOA"},	 {12, "PTR"},
		{13, "HINFO"}, {15, "MX"},	   {16, "TXT"},	 {28, "AAAA"},	 {33, "SRV"},
		{35, "NAPTR"}, {39, "DNAME"},	   {41, "OPT"},	 {43, "DS"},	 {46, "RRSIG"},
		{48, "DNSKEY"}, {52, "TLSA"},	   {64, "SVCB"}, {65, "HTTPS"}, {99, "SPF"},
		{251, "IXFR"}, {252, "AXFR"},	   {255, "ANY"}, {256, "URI"},	 {257, "CAA"},
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].type == qtype)
			return names[i].name;
	snprintf(buf, 16, "TYPE%u", (unsigned)qtype);
	return buf;
}

int wd_dns_build_answer(const uint8_t *query, const struct wd_dns_query *q, enum wd_dns_rcode rcode,
			uint8_t *out, size_t cap)
{
	uint16_t flags = WD_DNS_FLAG_QR | (q->flags & WD_DNS_FLAG_RD) | WD_DNS_FLAG_RA;

	if (q->question_end > cap)
		return -ENOSPC;
	/* header + question copied, then the counts say: one question, no records (EDNS dropped) */
	memcpy(out, query, q->question_end);
	wd_put16(out + 2, (uint16_t)(flags | (uint16_t)rcode));
	wd_put16(out + 4, 1);
	wd_put16(out + 6, 0);
	wd_put16(out + 8, 0);
	wd_put16(out + 10, 0);
	return (int)q->question_end;
}

int wd_dns_tcp_next(const uint8_t *stream, size_t len, const uint8_t **msg, size_t *msg_len)
{
	size_t n;

	if (len < 2)
		return -EAGAIN;
	n = wd_get16(stream);
	if (len < 2 + n)
		return -EAGAIN;
	*msg = stream + 2;
	*msg_len = n;
	return (int)(2 + n);
}

int wd_dns_tcp_prefix(size_t len, uint8_t out[2])
{
	if (len > 65535)
		return -EMSGSIZE;
	wd_put16(out, (uint16_t)len);
	return 0;
}
