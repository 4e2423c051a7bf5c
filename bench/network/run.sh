#!/bin/sh
# Network gate overhead: bare vs ward-defender, measured side by side in one run (ratios).
#   1. connect()+close() to a loopback listener x N        target: defender <= 1.10x bare
#   2. 64-byte request/response over one connection x M   target: defender <= 1.02x bare
# Two defended variants: the seed's rule (listening port 5000, DNS on with empty lists: nothing
# outbound can be refused, so connect is answered at once) and an enforcing rule (outboundIps and a
# DNS deny list: every connect is read, decided and performed by the defender on its own copy).
# A third, "floor", traps connect and answers CONTINUE without looking (../defender/notify_floor.c):
# the kernel's user-notification round trip alone, which no gate that traps connect can undercut.
# A fourth, "old kernel", is the enforcing rule with every kernel fallback forced
# (WARD_DEFENDER_KERNEL_LACKS, see defender/README.md "Kernel features"): what a 5.x kernel costs.
# Not a test: targets are printed, not enforced.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DEFENDER=${DEFENDER:-$ROOT/defender/build/ward-defender}
N=${N:-20000}
M=${M:-200000}
REPEAT=${REPEAT:-5}

[ -x "$DEFENDER" ] || make -s -C "$ROOT/defender" all
CC=$(command -v musl-gcc || command -v gcc)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
$CC -O2 -static -o "$WORK/netbench" "$HERE/netbench.c"
$CC -O2 -static -isystem "$ROOT/defender/build/kernel-include" -o "$WORK/notify_floor" "$HERE/../defender/notify_floor.c"

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

# one run: "wall-ns-per-op cpu-ns-per-op"; CPU is user+system of everything the run started
# (app, its peer, the defender), which the machine's other load disturbs far less than wall time
timed() { # variant mode count
	n=$3 what="$1 $2"
	case $1 in
	bare) set -- "$WORK/netbench" "$2" "$3" ;;
	floor) set -- "$WORK/notify_floor" --connect "$WORK/netbench" "$2" "$3" ;;
	oldkernel) set -- env WARD_DEFENDER_KERNEL_LACKS=$FALLBACKS "$DEFENDER" run --app-id bench \
		--data-folder "$WORK/enforcing" -- "$WORK/netbench" "$2" "$3" ;;
	*) set -- "$DEFENDER" run --app-id bench --data-folder "$WORK/$1" -- "$WORK/netbench" "$2" "$3" ;;
	esac
	# normal scheduler, as in a container (a real-time priority would also starve the softirq
	# work that completes loopback handshakes)
	if ! w=$(/usr/bin/time -f "%U %S" -o "$WORK/cpu" "$@" 2>"$WORK/err"); then
		echo "$what run failed: $(tail -n 1 "$WORK/err")" >&2
		exit 1
	fi
	awk -v w="$w" -v n="$n" '{ printf "%s %d\n", w, ($1 + $2) * 1e9 / n }' "$WORK/cpu"
}
# the variants take turns and each keeps its best run of each figure: the machine is shared, the
# minimum is the least disturbed figure, and interleaving spreads any slow phase over all of them
VARIANTS="bare floor seed enforcing oldkernel"
FALLBACKS=statx-mnt-id,addfd,id-valid-iow,sync-wake-up,pidfd-thread
measure() { # mode count -> "bare floor seed enforcing oldkernel" walls, then the same five CPU figures
	for v in $VARIANTS; do : > "$WORK/$v.txt"; done
	for _ in $(seq "$REPEAT"); do
		for v in $VARIANTS; do timed "$v" "$1" "$2" >> "$WORK/$v.txt"; done
	done
	for col in 1 2; do
		for v in $VARIANTS; do sort -n -k"$col" "$WORK/$v.txt" | head -n 1 | cut -d' ' -f"$col"; done
	done | tr '\n' ' '
}
ratio() { echo "$1 $2" | awk '{ printf "%.3f", $2 / $1 }'; }
report() { # title target, then bare floor seed enforcing oldkernel (wall) and the same (cpu)
	echo "$1 (ns per operation, best of $REPEAT)"
	printf "   wall: bare %s   floor %s (%sx)   seed rule %s (%sx)   enforcing rule %s (%sx)   target <= %s\n" \
		"$3" "$4" "$(ratio "$3" "$4")" "$5" "$(ratio "$3" "$5")" "$6" "$(ratio "$3" "$6")" "$2"
	printf "   cpu:  bare %s   floor %s (%sx)   seed rule %s (%sx)   enforcing rule %s (%sx)\n" \
		"$8" "$9" "$(ratio "$8" "$9")" "${10}" "$(ratio "$8" "${10}")" "${11}" "$(ratio "$8" "${11}")"
	printf "   seed rule vs floor %sx (what the defender adds to the kernel's round trip)\n" "$(ratio "$4" "$5")"
	printf "   enforcing rule on an old kernel (every fallback forced): wall %s (%sx bare, %sx the same rule with every feature)   cpu %s (%sx bare)\n" \
		"$7" "$(ratio "$3" "$7")" "$(ratio "$6" "$7")" "${12}" "$(ratio "$8" "${12}")"
}

echo "ward-defender network benchmark ($(uname -r), $(nproc) cores, $("$DEFENDER" version), load$(uptime | sed 's/.*load//'))"
echo
# shellcheck disable=SC2046
report "1. connect()+close() on loopback x$N" 1.10x $(measure connect "$N")
# shellcheck disable=SC2046
report "2. request/response over one established connection x$M" 1.02x $(measure rr "$M")
