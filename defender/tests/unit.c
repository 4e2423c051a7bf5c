/* unit: TAP-style unit tests for matching, JSON, HTTP parsing, URLs, time, rules, decisions, the
 * seccomp program and TLS trust anchors. */
#include <bearssl.h>
#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "json.h"
#include "filter.h"
#include "match.h"
#include "policy.h"
#include "supervise.h"
#include "tls.h"
#include "util.h"

static int failures, count;

#define CHECK(cond, name)                                                                          \
	do {                                                                                       \
		count++;                                                                           \
		if (cond) {                                                                        \
			printf("ok %d - %s\n", count, name);                                       \
		} else {                                                                           \
			failures++;                                                                \
			printf("not ok %d - %s (%s:%d)\n", count, name, __FILE__, __LINE__);       \
		}                                                                                  \
	} while (0)

static void test_match(void)
{
	CHECK(wd_match_process("python3", "/usr/local/bin/python3"), "basename entry matches any dir");
	CHECK(!wd_match_process("python3", "/usr/local/bin/python3.9"), "basename entry is exact");
	CHECK(wd_match_process("python*", "/usr/local/bin/python3.9"), "basename glob");
	CHECK(wd_match_process("/usr/local/bin/python3.9", "/usr/local/bin/python3.9"),
	      "full path entry");
	CHECK(!wd_match_process("/usr/bin/python3.9", "/usr/local/bin/python3.9"),
	      "full path entry needs the same dir");
	CHECK(wd_match_process("/usr/src/app/*.py", "/usr/src/app/app.py"), "full path glob");
	CHECK(!wd_match_process("/usr/*", "/usr/local/bin/ls"), "full path glob does not cross /");
	CHECK(wd_match_process("l?", "/bin/ls"), "question mark glob");
	CHECK(wd_is_shell_or_interpreter("/usr/bin/dash") && wd_is_shell_or_interpreter("/bin/bash") &&
		      wd_is_shell_or_interpreter("/usr/bin/python3.11") &&
		      !wd_is_shell_or_interpreter("/usr/bin/ls"),
	      "shells and interpreters");
	CHECK(wd_is_crypto_miner_name("/tmp/xmrig") && wd_is_crypto_miner_name("/x/xmrig-6.21") &&
		      !wd_is_crypto_miner_name("/usr/bin/git"),
	      "miner names");
	CHECK(wd_is_mining_argument("-o stratum+tcp://pool.example:3333") &&
		      wd_is_mining_argument("--url=STRATUM+SSL://x:443") &&
		      !wd_is_mining_argument("tcp://x"),
	      "mining pool arguments");
	CHECK(wd_is_mining_argument("sss stratum2+tcp://p:1") &&
		      wd_is_mining_argument("Stratum://p") && wd_is_mining_argument("x=stratum1+TCP://p") &&
		      !wd_is_mining_argument("stratum+udp://p") && !wd_is_mining_argument("stratu") &&
		      !wd_is_mining_argument("--stratum") && !wd_is_mining_argument(""),
	      "every pool scheme, any case, and near misses");
	CHECK(wd_known_names_are_simple(), "built-in name lists hold names and prefix* only");
	CHECK(wd_is_crypto_miner_name("/opt/xmr-stak-rx") && wd_is_crypto_miner_name("/a/kinsing") &&
		      !wd_is_crypto_miner_name("/a/kinsing2") && !wd_is_crypto_miner_name("/a/xmri") &&
		      wd_is_shell_or_interpreter("/usr/bin/nc.openbsd") &&
		      !wd_is_shell_or_interpreter("/usr/bin/ncdu"),
	      "exact names and prefixes of the built-in lists");
}

static void test_json(void)
{
	const char *text = "{\"a\":[1,2.5,-3e2],\"b\":{\"c\":\"x\\u00e9\\ud83d\\ude00\\n\"},\"t\":true,"
			   "\"f\":false,\"n\":null}";
	struct wd_json *j = NULL;
	struct wd_buf b = {0};
	const struct wd_json *a;

	CHECK(wd_json_parse(text, strlen(text), &j) == 0, "json parses nested document");
	a = wd_json_get(j, "a");
	CHECK(a && a->type == WD_JSON_ARRAY && a->child->number == 1 &&
		      a->child->next->number == 2.5 && a->child->next->next->number == -300,
	      "json numbers");
	CHECK(strcmp(wd_json_get_string(wd_json_get(j, "b"), "c", ""), "x\xc3\xa9\xf0\x9f\x98\x80\n") ==
		      0,
	      "json unicode escapes and surrogate pairs");
	CHECK(wd_json_get_bool(j, "t", false) && !wd_json_get_bool(j, "f", true) &&
		      wd_json_get(j, "n")->type == WD_JSON_NULL,
	      "json literals");
	wd_json_free(j);
	{
		static const char *const bad[] = {"{",	 "[1,]",	 "{\"a\" 1}", "\"\\x\"", "01x",
						  "tru", "{\"a\":1}x", "\"\\ud800\"", "\"a\nb\"", ""};
		int rejected = 0;
		for (size_t i = 0; i < WD_ARRAY_SIZE(bad); i++) {
			j = NULL;
			if (wd_json_parse(bad[i], strlen(bad[i]), &j) == -EINVAL)
				rejected++;
			wd_json_free(j);
		}
		CHECK(rejected == (int)WD_ARRAY_SIZE(bad), "json rejects malformed input");
	}
	{
		char deep[200];
		memset(deep, '[', 100);
		memset(deep + 100, ']', 100);
		j = NULL;
		CHECK(wd_json_parse(deep, 200, &j) == -EINVAL, "json refuses excessive nesting");
		wd_json_free(j);
	}
	wd_json_add_string(&b, "q\"b\\s\x01\tz\xc3\xa9\xff");
	CHECK(strcmp(b.data, "\"q\\\"b\\\\s\\u0001\\tz\xc3\xa9\\ufffd\"") == 0,
	      "json writer escapes controls and replaces invalid UTF-8");
	wd_buf_free(&b);
}

static int parse(const char *raw, int eof, struct wd_http_response *r)
{
	return wd_http_parse_response(raw, strlen(raw), eof, r);
}

static void test_json_value_end(void)
{
	const char *batch = "[{\"a\":\"x]}\\\"\"},{\"b\":[1,{\"c\":2}]} ,7,\"s\"]";
	size_t len = strlen(batch), first = wd_json_value_end(batch, len, 1);

	CHECK(first == 14 && batch[first] == ',', "json value end: brackets and escapes inside strings are text");
	CHECK(wd_json_value_end(batch, len, 15) == 32, "json value end: nested arrays and objects");
	CHECK(wd_json_value_end(batch, len, 34) == 35 && wd_json_value_end(batch, len, 36) == 39 &&
		      wd_json_value_end("[7]", 3, 1) == 2,
	      "json value end: scalars end at a comma or the close, strings at their quote");
	CHECK(wd_json_value_end("{\"a\":[1}", 9, 0) == 0 && wd_json_value_end("{\"a\":\"x", 7, 0) == 0,
	      "json value end: mismatched or unterminated is 0");
}

static void test_http(void)
{
	struct wd_http_response r = {0};
	struct wd_url u;

	CHECK(parse("HTTP/1.1 200 OK\r\nETag: \"17\"\r\nContent-Length: 5\r\n\r\nhello", 0, &r) == 0 &&
		      r.status == 200 && strcmp(r.etag, "\"17\"") == 0 &&
		      strcmp(r.body.data, "hello") == 0,
	      "http content-length body and etag");
	CHECK(parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel", 0, &r) == -EAGAIN,
	      "http incomplete body waits");
	CHECK(parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel", 1, &r) == -EBADMSG,
	      "http truncated body is an error");
	CHECK(parse("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n "
		    "world\r\n0\r\n\r\n",
		    0, &r) == 0 &&
		      strcmp(r.body.data, "hello world") == 0,
	      "http chunked body");
	CHECK(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", 0, &r) ==
		      -EAGAIN,
	      "http chunked waits for the last chunk");
	CHECK(parse("HTTP/1.1 304 Not Modified\r\nETag: \"3\"\r\n\r\n", 0, &r) == 0 &&
		      r.status == 304 && r.body.len == 0,
	      "http 304 has no body");
	CHECK(parse("HTTP/1.0 200 OK\r\n\r\nuntil close", 1, &r) == 0 &&
		      strcmp(r.body.data, "until close") == 0,
	      "http body until close");
	CHECK(parse("SMTP 220 hi\r\n\r\n", 0, &r) == -EBADMSG, "http rejects a non-HTTP status line");
	CHECK(parse("HTTP/1.1 200 OK\r\nbroken header\r\n\r\n", 0, &r) == -EBADMSG,
	      "http rejects a header without colon");
	CHECK(parse("HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n", 0, &r) == -EBADMSG,
	      "http rejects oversized bodies");
	wd_http_response_free(&r);

	CHECK(wd_url_parse("http://console.example:8080/ward/", &u) == 0 &&
		      strcmp(u.host, "console.example") == 0 && u.port == 8080 &&
		      strcmp(u.base, "/ward") == 0,
	      "url with port and base path");
	CHECK(wd_url_parse("http://[::1]", &u) == 0 && strcmp(u.host, "::1") == 0 && u.port == 80 &&
		      u.base[0] == '\0',
	      "url with IPv6 host and default port");
	CHECK(wd_url_parse("ftp://x", &u) == -EPROTONOSUPPORT && wd_url_parse("http://x:0", &u) < 0 &&
		      wd_url_parse("x", &u) < 0,
	      "url rejects unsupported scheme and bad port");
}

static void test_time(void)
{
	int64_t ms;
	char out[40];

	CHECK(wd_parse_time_ms("2026-11-28T12:14:03.123Z", &ms) == 0 && ms == 1795868043123LL,
	      "time parses RFC 3339 UTC");
	CHECK(wd_parse_time_ms("2026-11-28T13:14:03+01:00", &ms) == 0 && ms == 1795868043000LL,
	      "time parses offsets");
	wd_format_time(1795868043, 123456000, out);
	CHECK(strcmp(out, "2026-11-28T12:14:03.123456Z") == 0, "time formats microseconds");
}

static void test_backoff(void)
{
	struct wd_backoff b = {.first_ms = 500, .max_ms = 5000};
	const int64_t steps[] = {500, 1000, 2000, 4000, 5000, 5000};
	bool within = true, varies = false;
	int64_t first = -1;

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		int64_t wait = wd_backoff_next(&b);
		within = within && wait >= steps[i] / 2 && wait <= steps[i];
	}
	CHECK(within, "backoff doubles from the first wait up to the cap, each wait in [step/2, step]");
	wd_backoff_reset(&b);
	int64_t again = wd_backoff_next(&b);
	CHECK(again >= 250 && again <= 500, "backoff starts over after a reset");
	/* the random half: 50 waits at the cap are not all the same */
	for (int i = 0; i < 50; i++) {
		int64_t wait = wd_backoff_next(&b);
		if (first >= 0 && wait != first)
			varies = true;
		if (first < 0)
			first = wait;
	}
	CHECK(varies, "backoff waits are jittered");
}

static const char *seed_rule =
	"{\"appId\":\"webadmin-aci\",\"revision\":17,\"rule\":{\"name\":\"Org Rule\",\"notes\":\"\","
	"\"disabled\":false,\"scope\":{\"appIds\":[\"*\"]},\"processes\":{\"enabled\":true,"
	"\"allowed\":[\"python\",\"python3\",\"/usr/local/bin/python3.9\"],\"denied\":[\"nc\"],"
	"\"effect\":\"prevent\",\"cryptoMiners\":true,\"modifiedBinaries\":true},\"network\":{},"
	"\"dns\":{},\"revision\":16}}";

static struct wd_exec_facts facts(const char *path, const char *interp, bool modified,
				  bool socket, char **argv, int argc)
{
	struct wd_exec_facts f = {0};

	snprintf(f.images[0].path, sizeof(f.images[0].path), "%s", path);
	f.images[0].modified = modified;
	f.image_count = 1;
	if (interp) {
		snprintf(f.images[1].path, sizeof(f.images[1].path), "%s", interp);
		f.image_count = 2;
	}
	f.stdio_network_socket = socket;
	f.argv = argv;
	f.argc = argc;
	for (int i = 0; i < argc; i++) /* as exec.c finds it */
		f.mining_argument = f.mining_argument || wd_is_mining_argument(argv[i]);
	f.command = argc ? argv[0] : "";
	return f;
}

static void test_policy(void)
{
	struct wd_policy *p = NULL;
	struct wd_decision d;
	struct wd_exec_facts f;
	char *miner_args[] = {"/usr/local/bin/python3.9", "-o", "stratum+tcp://pool:3333"};

	CHECK(wd_policy_parse(seed_rule, strlen(seed_rule), &p) == 0 && p->revision == 17 &&
		      p->rule && strcmp(p->rule->name, "Org Rule") == 0 && p->rule->revision == 16 &&
		      p->rule->processes.allowed.count == 3 &&
		      p->rule->processes.effect == WD_EFFECT_PREVENT,
	      "rule parses the contract shape");

	f = facts("/usr/local/bin/python3.9", NULL, false, false, NULL, 0);
	wd_policy_decide_exec(p->rule, &f, &d);
	CHECK(d.verdict == WD_VERDICT_ALLOW, "allowed full path passes");
	f = facts("/usr/bin/dash", NULL, false, false, NULL, 0);
	wd_policy_decide_exec(p->rule, &f, &d);
	CHECK(d.verdict == WD_VERDICT_PREVENT && d.reason == WD_REASON_NOT_ALLOWED,
	      "not allowed is prevented");
	f = facts("/usr/bin/nc", NULL, false, false, NULL, 0);
	wd_policy_decide_exec(p->rule, &f, &d);
	CHECK(d.reason == WD_REASON_DENIED, "denied entry wins over fallback");
	f = facts("/usr/src/app/run.sh", "/usr/bin/python3", false, false, NULL, 0);
	wd_policy_decide_exec(p->rule, &f, &d);
	CHECK(d.reason == WD_REASON_NOT_ALLOWED && d.image == 0,
	      "script must be allowed as well as its interpreter");
	f = facts("/usr/bin/python3", "/tmp/evil", false, false, NULL, 0);
	wd_policy_decide_exec(p->rule, &f, &d);
	CHECK(d.reason == WD_REASON_NOT_ALLOWED && d.image == 1, "interpreter at fault is named");
	f = facts("/usr/local/bin/python3.9", NULL, true, false, NULL, 0);
	wd_policy_decide_exec(p->rule, &f, &d);
	CHECK(d.reason == WD_REASON_MODIFIED_BINARY, "modified binary under an allowed name");
	f = facts("/usr/local/bin/python3.9", NULL, false, true, NULL, 0);
	wd_policy_decide_exec(p->rule, &f, &d);
	CHECK(d.reason == WD_REASON_REVERSE_SHELL, "allowed interpreter on a socket is a reverse shell");
	f = facts("/usr/local/bin/python3.9", NULL, false, false, miner_args, 3);
	wd_policy_decide_exec(p->rule, &f, &d);
	CHECK(d.reason == WD_REASON_CRYPTO_MINER, "stratum argument is a crypto miner");
	f = facts("/usr/bin/ls", NULL, false, true, NULL, 0);
	wd_policy_decide_exec(p->rule, &f, &d);
	CHECK(d.reason == WD_REASON_NOT_ALLOWED, "non-shell with socket stdio is not a reverse shell");
	p->rule->processes.modified_binaries = false;
	f = facts("/usr/local/bin/python3.9", NULL, true, false, NULL, 0);
	wd_policy_decide_exec(p->rule, &f, &d);
	CHECK(d.verdict == WD_VERDICT_ALLOW, "modifiedBinaries false turns the check off");
	p->rule->processes.effect = WD_EFFECT_ALERT;
	f = facts("/usr/bin/dash", NULL, false, false, NULL, 0);
	wd_policy_decide_exec(p->rule, &f, &d);
	CHECK(d.verdict == WD_VERDICT_ALERT, "alert effect");
	wd_policy_free(p);

	p = NULL;
	CHECK(wd_policy_parse("{\"appId\":\"a\",\"revision\":4,\"rule\":null}", 38, &p) == 0 &&
		      p->rule == NULL && p->revision == 4,
	      "null rule means allow all");
	f = facts("/usr/bin/dash", NULL, true, true, NULL, 0);
	wd_policy_decide_exec(p->rule, &f, &d);
	CHECK(d.verdict == WD_VERDICT_ALLOW, "null rule decides allow");
	wd_policy_free(p);
	{
		static const char *const bad[] = {
			"{\"revision\":1}",
			"{\"revision\":1,\"rule\":{\"processes\":{}}}",
			"{\"revision\":1,\"rule\":{\"name\":\"r\",\"processes\":{\"effect\":\"kill\"}}}",
			"{\"revision\":1,\"rule\":{\"name\":\"r\",\"processes\":{\"allowed\":[1]}}}",
			"{\"revision\":1,\"rule\":{\"name\":\"r\",\"processes\":{\"allowed\":\"ls\"}}}",
			"{\"revision\":1,\"rule\":{\"name\":\"r\",\"processes\":{\"denied\":[\"\"]}}}",
		};
		int rejected = 0;
		for (size_t i = 0; i < WD_ARRAY_SIZE(bad); i++) {
			p = NULL;
			if (wd_policy_parse(bad[i], strlen(bad[i]), &p) == -EINVAL)
				rejected++;
			wd_policy_free(p);
		}
		CHECK(rejected == (int)WD_ARRAY_SIZE(bad), "invalid rules are rejected");
	}
}

/* Runs the program on one call the way the kernel does; `args_read` tells whether the path taken
 * looked at anything but the number and the architecture (the kernel caches only calls it can
 * decide from those two). Unknown instructions answer 0xdeadbeef. */
static uint32_t run_filter(const struct sock_filter *prog, int len, const struct seccomp_data *d,
			   bool *args_read)
{
	uint32_t a = 0;

	*args_read = false;
	for (int pc = 0; pc >= 0 && pc < len; pc++) {
		const struct sock_filter *in = &prog[pc];
		switch (in->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (in->k + 4 > sizeof(*d))
				return 0xdeadbeef;
			memcpy(&a, (const char *)d + in->k, 4);
			*args_read = *args_read || (in->k != offsetof(struct seccomp_data, nr) &&
						    in->k != offsetof(struct seccomp_data, arch));
			break;
		case BPF_ALU | BPF_AND | BPF_K: a &= in->k; break;
		case BPF_JMP | BPF_JA: pc += (int)in->k; break;
		case BPF_JMP | BPF_JEQ | BPF_K: pc += a == in->k ? in->jt : in->jf; break;
		case BPF_JMP | BPF_JGE | BPF_K: pc += a >= in->k ? in->jt : in->jf; break;
		case BPF_JMP | BPF_JSET | BPF_K: pc += (a & in->k) ? in->jt : in->jf; break;
		case BPF_RET | BPF_K: return in->k;
		default: return 0xdeadbeef;
		}
	}
	return 0xdeadbeef; /* ran off the end: the kernel would refuse the program */
}

static uint32_t verdict(const struct sock_filter *prog, int len, uint32_t arch, int nr,
			uint64_t arg0, uint64_t arg4, bool *args_read)
{
	struct seccomp_data d = {.nr = nr, .arch = arch, .args = {arg0, 0, 0, 0, arg4, 0}};

	return run_filter(prog, len, &d, args_read);
}

static uint32_t socket_verdict(const struct sock_filter *prog, int len, uint64_t domain, uint64_t type)
{
	struct seccomp_data d = {.nr = 41, .arch = AUDIT_ARCH_X86_64, .args = {domain, type}};
	bool args_read;

	return run_filter(prog, len, &d, &args_read);
}

#if defined(__x86_64__)
static void test_filter(void)
{
	struct sock_filter prog[WD_FILTER_MAX];
	int len = wd_supervise_filter(prog, WD_FILTER_MAX);
	const uint32_t x86 = AUDIT_ARCH_X86_64, i386 = AUDIT_ARCH_I386;
	const uint32_t notify = SECCOMP_RET_USER_NOTIF, allow = SECCOMP_RET_ALLOW;
	const uint32_t eperm = SECCOMP_RET_ERRNO | EPERM;
	const int trapped[] = {59, 322, 49, 50, 42, 46, 307, 161, 155, 308, 272};
	bool args, all_ok = true, all_const = true;

	CHECK(len > 0 && len <= WD_FILTER_MAX, "filter builds");
	for (size_t i = 0; i < sizeof(trapped) / sizeof(trapped[0]); i++)
		all_ok = all_ok && verdict(prog, len, x86, trapped[i], 0, 0, &args) == notify && !args;
	CHECK(all_ok, "execve, execveat, bind, listen, connect, sendmsg, sendmmsg and root changes go to the supervisor");
	all_ok = true;
	for (int nr = 0; nr < 470; nr++) {
		bool listed = nr == 41 || nr == 44 || nr == 45 || nr == 56 || nr == 435 ||
			      (nr >= 425 && nr <= 427);
		for (size_t i = 0; i < sizeof(trapped) / sizeof(trapped[0]); i++)
			listed = listed || trapped[i] == nr;
		if (listed)
			continue;
		all_ok = all_ok && verdict(prog, len, x86, nr, ~0ULL, ~0ULL, &args) == allow;
		all_const = all_const && !args;
	}
	CHECK(all_ok && all_const, "every other native call is allowed by its number alone (kernel-cacheable)");
	CHECK(verdict(prog, len, x86, 44, 0, 0, &args) == allow &&
		      verdict(prog, len, x86, 45, 0, 0, &args) == allow,
	      "sendto/recvfrom without an address run untouched");
	CHECK(verdict(prog, len, x86, 44, 0, 0x7ffc1000ULL, &args) == notify &&
		      verdict(prog, len, x86, 44, 0, 0x100000000ULL, &args) == notify &&
		      verdict(prog, len, x86, 45, 0, 0x7ffc1000ULL, &args) == notify,
	      "sendto/recvfrom with an address (either half) are trapped");
	CHECK(verdict(prog, len, x86, 56, CLONE_NEWNS | 17, 0, &args) == notify &&
		      verdict(prog, len, x86, 56, CLONE_VM | CLONE_VFORK | 17, 0, &args) == allow,
	      "clone is trapped only with a new mount namespace");
	CHECK(verdict(prog, len, x86, 435, 0, 0, &args) == (SECCOMP_RET_ERRNO | ENOSYS),
	      "clone3 fails with ENOSYS");
	CHECK(socket_verdict(prog, len, AF_INET, SOCK_STREAM) == allow &&
		      socket_verdict(prog, len, AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC) == allow &&
		      socket_verdict(prog, len, AF_UNIX, SOCK_STREAM) == allow &&
		      socket_verdict(prog, len, AF_NETLINK, SOCK_RAW) == allow,
	      "socket: ordinary sockets (and raw netlink) run untouched");
	CHECK(socket_verdict(prog, len, AF_INET, SOCK_RAW) == notify &&
		      socket_verdict(prog, len, AF_INET6, SOCK_RAW | SOCK_CLOEXEC) == notify &&
		      socket_verdict(prog, len, AF_PACKET, SOCK_DGRAM) == notify &&
		      socket_verdict(prog, len, AF_INET, SOCK_PACKET) == notify &&
		      socket_verdict(prog, len, AF_INET | (1ULL << 32), SOCK_RAW | (1ULL << 32)) == notify,
	      "socket: raw IP and packet sockets go to the supervisor (the int halves the kernel reads)");
	CHECK(verdict(prog, len, x86, 425, 0, 0, &args) == (SECCOMP_RET_ERRNO | ENOSYS) &&
		      verdict(prog, len, x86, 426, 0, 0, &args) == (SECCOMP_RET_ERRNO | ENOSYS) &&
		      verdict(prog, len, x86, 427, 0, 0, &args) == (SECCOMP_RET_ERRNO | ENOSYS),
	      "io_uring (setup, enter, register) fails with ENOSYS");
	CHECK(verdict(prog, len, x86, 0x40000000 | 59, 0, 0, &args) == eperm &&
		      verdict(prog, len, x86, 0x40000000 | 39, 0, 0, &args) == eperm,
	      "every x32 call is refused");
	CHECK(verdict(prog, len, i386, 11, 0, 0, &args) == eperm &&
		      verdict(prog, len, i386, 102, 0, 0, &args) == eperm &&
		      verdict(prog, len, i386, 61, 0, 0, &args) == eperm &&
		      verdict(prog, len, i386, 120, 0, 0, &args) == eperm &&
		      verdict(prog, len, i386, 425, 0, 0, &args) == eperm &&
		      verdict(prog, len, i386, 20, 0, 0, &args) == allow,
	      "i386 exec, socketcall, chroot, clone and io_uring refused; other i386 calls run");
	CHECK(verdict(prog, len, 0x12345678, 59, 0, 0, &args) == SECCOMP_RET_KILL_PROCESS,
	      "any other architecture is killed");
}
#endif

/* A self-signed P-256 certificate (a CA) for "unit", subjectAltName DNS:localhost, IP:127.0.0.1,
 * IP:::1 (openssl req -x509 -newkey ec ... -addext subjectAltName=...). */
static const char unit_cert[] =
	"-----BEGIN CERTIFICATE-----\n"
	"MIIBozCCAUigAwIBAgIUWEWBlDd1ZRzML67XDT3yV6mZ9f4wCgYIKoZIzj0EAwIw\n"
	"DzENMAsGA1UEAwwEdW5pdDAeFw0yNjEyMDQxNjE3MDJaFw0zNjEyMDExNjE3MDJa\n"
	"MA8xDTALBgNVBAMMBHVuaXQwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASM40CX\n"
	"PJ65Y9NKIPOKlRpJ+tX317JdKBHWDh66EmQQGuLRoBPhmI5sWdCVUhKf7MabHfYY\n"
	"WDDup1ScRGQePgb8o4GBMH8wHQYDVR0OBBYEFLGmuE1IwjDQZ3vapl3KugxygMQO\n"
	"MB8GA1UdIwQYMBaAFLGmuE1IwjDQZ3vapl3KugxygMQOMA8GA1UdEwEB/wQFMAMB\n"
	"Af8wLAYDVR0RBCUwI4IJbG9jYWxob3N0hwR/AAABhxAAAAAAAAAAAAAAAAAAAAAB\n"
	"MAoGCCqGSM49BAMCA0kAMEYCIQDQ6acT+BO2aArxgb541oRDa2uTznL/JnkUtIUZ\n"
	"luXhvwIhAI67zoKQNlRGzfmZvoTOLG6NKyWFzZ2Z9mwFiKb0+HSe\n"
	"-----END CERTIFICATE-----\n";

static void unit_der_append(void *ctx, const void *data, size_t len)
{
	struct wd_buf *b = ctx;

	wd_buf_add(b, data, len);
}

static void unit_pem_to_der(const char *pem, struct wd_buf *der)
{
	br_pem_decoder_context pc;
	size_t len = strlen(pem);

	br_pem_decoder_init(&pc);
	br_pem_decoder_setdest(&pc, unit_der_append, der);
	while (len > 0) {
		size_t n = br_pem_decoder_push(&pc, pem, len);
		pem += n;
		len -= n;
		br_pem_decoder_event(&pc);
	}
}

static void test_tls(void)
{
	static const unsigned char v4[4] = {127, 0, 0, 1}, other[4] = {127, 0, 0, 2};
	static const unsigned char v6[16] = {[15] = 1};
	struct wd_buf der = {0}, text = {0};
	size_t before = wd_tls_anchor_count();
	char broken[sizeof(unit_cert)];

	CHECK(wd_tls_add_pem(unit_cert, strlen(unit_cert), NULL) == 1 &&
		      wd_tls_anchor_count() == before + 1,
	      "tls one PEM certificate is one trust anchor");
	wd_buf_printf(&text, "# a bundle\n%s-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE "
			     "KEY-----\n%.*s", unit_cert, (int)strlen(unit_cert) - 1, unit_cert);
	CHECK(wd_tls_add_pem(text.data, text.len, NULL) == 2 && wd_tls_anchor_count() == before + 3,
	      "tls a bundle: every certificate (the last without a final newline), keys skipped");
	CHECK(wd_tls_add_pem("no PEM here\n", 12, NULL) == 0, "tls text without certificates adds none");
	memcpy(broken, unit_cert, sizeof(broken));
	broken[100] = '*';
	CHECK(wd_tls_add_pem(broken, strlen(broken), NULL) == -EBADMSG, "tls bad base64 is refused");
	memcpy(broken, unit_cert, sizeof(broken));
	memcpy(broken + 28, "AAAA", 4); /* valid base64, not a certificate */
	CHECK(wd_tls_add_pem(broken, strlen(broken), NULL) == -EBADMSG, "tls a damaged certificate is refused");
	CHECK(wd_tls_anchor_count() == before + 3, "tls refused text adds no anchor");
	{
		unsigned skipped = 0;

		wd_buf_reset(&text);
		wd_buf_printf(&text, "%s%s", broken, unit_cert);
		CHECK(wd_tls_add_pem(text.data, text.len, &skipped) == 1 && skipped == 1 &&
			      wd_tls_anchor_count() == before + 4,
		      "tls a system bundle passes over a certificate it cannot decode and keeps the rest");
	}

	unit_pem_to_der(unit_cert, &der);
	CHECK(der.len > 400 && wd_tls_cert_names_ip((unsigned char *)der.data, der.len, v4, 4) &&
		      wd_tls_cert_names_ip((unsigned char *)der.data, der.len, v6, 16),
	      "tls subjectAltName IPv4 and IPv6 entries match");
	CHECK(!wd_tls_cert_names_ip((unsigned char *)der.data, der.len, other, 4) &&
		      !wd_tls_cert_names_ip((unsigned char *)der.data, der.len, v4, 3),
	      "tls another address does not match");
	CHECK(!wd_tls_cert_names_ip((unsigned char *)der.data, der.len - 200, v4, 4),
	      "tls a truncated certificate matches nothing");
	CHECK(strcmp(wd_tls_error_text(BR_ERR_X509_NOT_TRUSTED), "certificate is not trusted") == 0 &&
		      strcmp(wd_tls_error_text(BR_ERR_RECV_FATAL_ALERT + 70),
			     "the console does not speak TLS 1.2 (downgrade refused)") == 0,
	      "tls errors in words");
	wd_buf_free(&der);
	wd_buf_free(&text);
}

int main(void)
{
	test_match();
	test_json();
	test_json_value_end();
	test_http();
	test_time();
	test_backoff();
	test_policy();
	test_tls();
#if defined(__x86_64__)
	test_filter();
#endif
	printf("%d passed, %d failed\n", count - failures, failures);
	return failures ? 1 : 0;
}
