#!/bin/sh
# Network/DNS tests for ward-defender: builds the unit tests and the DNS probe with strict warnings,
# runs them, checks the probe against the loopback DNS responder over glibc, UDP and TCP, then runs
# integration.py (real sockets in apps run by build/ward-defender) when the binary is built.
# Prints ok/not ok per case and a final "N passed, M failed" line; exits non-zero on any failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src="$here/../../src"
if [ -n "${WD_NET_TEST_OUT:-}" ]; then
	out=$WD_NET_TEST_OUT
else
	out=$(mktemp -d)
	trap 'rm -rf "$out"' EXIT
fi
cc=${CC:-cc}
cflags="-Wall -Wextra -Werror -O2 -D_GNU_SOURCE"
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }

# unit tests (they print their own ok/not ok lines and a count)
if $cc $cflags -o "$out/test_net" "$here/test_net.c" "$src/net.c" "$src/dns.c" "$src/json.c" \
	"$src/util.c" "$src/rule.c" -lresolv 2>"$out/build.log"; then
	"$out/test_net" >"$out/unit.log" 2>&1
	cat "$out/unit.log" | grep -v ' passed, '
	unit=$(tail -n 1 "$out/unit.log")
	passed=$((passed + $(echo "$unit" | sed -n 's/^\([0-9]*\) passed.*/\1/p')))
	failed=$((failed + $(echo "$unit" | sed -n 's/.* \([0-9]*\) failed$/\1/p')))
else
	cat "$out/build.log"
	not_ok "build test_net"
fi

if ! $cc $cflags -o "$out/race_connect" "$here/race_connect.c" -lpthread 2>"$out/build-race.log"; then
	cat "$out/build-race.log"
	not_ok "build race_connect"
fi
if ! $cc $cflags -o "$out/uring_connect" "$here/uring_connect.c" 2>"$out/build-uring.log"; then
	cat "$out/build-uring.log"
	not_ok "build uring_connect"
fi
if ! $cc $cflags -o "$out/dns_probe" "$here/dns_probe.c" -lresolv 2>"$out/build-probe.log"; then
	cat "$out/build-probe.log"
	not_ok "build dns_probe"
else
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	python3 "$here/dns_responder.py" --address 127.0.0.1 --port "$port" \
		--record good.example=192.0.2.10 --log "$out/responder.log" >"$out/responder.out" 2>&1 &
	responder=$!
	for _ in $(seq 50); do grep -q ready "$out/responder.out" 2>/dev/null && break; sleep 0.1; done
	for mode in glibc udp tcp; do
		r=$("$out/dns_probe" "$mode" 127.0.0.1 "$port" good.example)
		[ "$r" = "answer 192.0.2.10" ] && ok "responder: $mode lookup answered" ||
			not_ok "responder: $mode lookup answered (got '$r')"
		"$out/dns_probe" "$mode" 127.0.0.1 "$port" nope.example >/dev/null
		[ $? -eq 3 ] && ok "responder: $mode unknown name is NXDOMAIN" ||
			not_ok "responder: $mode unknown name is NXDOMAIN"
	done
	grep -q '^tcp good.example 1$' "$out/responder.log" && grep -q '^udp good.example 1$' "$out/responder.log" &&
		ok "responder: logs every question" || not_ok "responder: logs every question"
	kill "$responder" 2>/dev/null
	wait "$responder" 2>/dev/null
fi

if [ -x "$here/../../build/ward-defender" ] && [ -x "$out/dns_probe" ]; then
	WD_DNS_PROBE="$out/dns_probe" WD_RACE_CONNECT="$out/race_connect" WD_URING_CONNECT="$out/uring_connect" python3 "$here/integration.py" >"$out/integration.log" 2>&1
	grep -v ' passed, ' "$out/integration.log"
	last=$(tail -n 1 "$out/integration.log")
	p=$(echo "$last" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
	f=$(echo "$last" | sed -n 's/.* \([0-9]*\) failed$/\1/p')
	if [ -z "$p" ] || [ -z "$f" ]; then
		not_ok "integration.py ended without a count"
	else
		passed=$((passed + p))
		failed=$((failed + f))
	fi
else
	echo "# integration skipped: build/ward-defender not built"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
