#!/bin/sh
# Network gate overhead: bare vs ward-defender, measured side by side in one run (ratios).
#   1. connect()+close() to a loopback listener x N        target: defender <= 1.10x bare
#   2. 64-byte request/response over one connection x M   target: defender <= 1.02x bare
# Two defended variants: the seed's rule (listening port 5000, DNS on with empty lists: nothing
# outbound can be refused, so connect is answered at once) and an enforcing rule (outboundIps and a
# DNS deny list: every connect is read, decided and performed by the defender on its own copy).
# Not a test: targets are printed, not enforced.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DEFENDER=${DEFENDER:-$ROOT/defender/build/ward-defender}
N=${N:-5000}
M=${M:-50000}
REPEAT=${REPEAT:-5}

[ -x "$DEFENDER" ] || make -s -C "$ROOT/defender" all
CC=$(command -v musl-gcc || command -v gcc)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
$CC -O2 -static -o "$WORK/netbench" "$HERE/netbench.c"

rule_folder() { # name network-json dns-json
	mkdir -p "$WORK/$1"
	cat > "$WORK/$1/rule.json" <<JSON
{"appId":"bench","revision":1,"rule":{"name":"$1","revision":1,
 "processes":{"enabled":true,"allowed":["netbench"],"denied":[],"effect":"prevent"},
 "network":$2,"dns":$3}}
JSON
}
rule_folder seed '{"enabled":true,"listeningPorts":["5000"],"outboundPorts":[],"outboundIps":[],"effect":"alert"}' \
	'{"enabled":true,"allowed":[],"denied":[],"effect":"alert"}'
rule_folder enforcing '{"enabled":true,"listeningPorts":[],"outboundPorts":["443"],"outboundIps":["10.0.0.0/8"],"effect":"prevent"}' \
	'{"enabled":true,"allowed":[],"denied":["evil.example"],"effect":"prevent"}'
sleep 0.05

seed() { "$DEFENDER" run --app-id bench --data-folder "$WORK/seed" -- "$@" 2>/dev/null; }
enforcing() { "$DEFENDER" run --app-id bench --data-folder "$WORK/enforcing" -- "$@" 2>/dev/null; }
# the variants take turns and each keeps its best run: the machine is shared, the minimum is the
# least disturbed figure, and interleaving spreads any slow phase over all of them
measure() { # mode count -> "bare seed enforcing"
	b=""; s=""; e=""
	for _ in $(seq "$REPEAT"); do
		b="$b $("$WORK/netbench" "$1" "$2")"
		s="$s $(seed "$WORK/netbench" "$1" "$2")"
		e="$e $(enforcing "$WORK/netbench" "$1" "$2")"
	done
	for list in "$b" "$s" "$e"; do echo "$list" | tr ' ' '\n' | grep . | sort -n | head -n 1; done | tr '\n' ' '
}
ratio() { echo "$1 $2" | awk '{ printf "%.3f", $2 / $1 }'; }
report() { # title target bare seed enforcing
	echo "$1 (ns per operation, best of $REPEAT)"
	printf "   bare %s   defender/seed rule %s (%sx)   defender/enforcing rule %s (%sx)   target <= %s\n" \
		"$3" "$4" "$(ratio "$3" "$4")" "$5" "$(ratio "$3" "$5")" "$2"
}

echo "ward-defender network benchmark ($(uname -r), $(nproc) cores, $("$DEFENDER" version))"
echo
# shellcheck disable=SC2046
report "1. connect()+close() on loopback x$N" 1.10x $(measure connect "$N")
# shellcheck disable=SC2046
report "2. request/response over one established connection x$M" 1.02x $(measure rr "$M")
