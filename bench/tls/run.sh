#!/bin/sh
# TLS benchmark: the defender's console link over https (BearSSL) against plain http, to the same
# console stand-in, measured side by side in one run. Not a test: figures are printed, not enforced.
#   1. audit batch upload (500 audits, and 1), through the defender's own client: wall time and
#      the client's CPU time per batch, TLS / plain ratios
#   2. defender resident memory with the console over https and over http:
#      idle (long-poll open) and while the app execs 100 times a second, each exec audited
#      and uploaded                                                                target: < 2 MiB
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
D=$ROOT/defender
DEFENDER=$D/build/ward-defender
N=${N:-40}
REPEAT=${REPEAT:-5}
TOKEN=wdt_bench_$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')

make -s -C "$D" all
CC=$(command -v musl-gcc || command -v gcc)
WORK=$(mktemp -d)
CONSOLE_PID=""
trap '[ -n "$CONSOLE_PID" ] && kill "$CONSOLE_PID"; rm -rf "$WORK"' EXIT
# the bench client links the defender's own objects (all but main.o), BearSSL included
OBJS=$(ls "$D"/build/obj/*.o | grep -v '/main\.o$')
BEARSSL=$(ls "/usr/lib/$(gcc -print-multiarch 2>/dev/null)/libbearssl.a" /usr/lib/libbearssl.a 2>/dev/null | head -1)
$CC -O2 -std=c11 -D_GNU_SOURCE -static -I"$D/src" -isystem "$D/build/kernel-include/bearssl-include" \
	-o "$WORK/upload" "$HERE/upload.c" $OBJS ${BEARSSL:--lbearssl} -lpthread
$CC -O2 -static -o "$WORK/loops" "$ROOT/bench/defender/loops.c"
$CC -O2 -static -o "$WORK/nop" "$ROOT/bench/defender/nop.c"

python3 "$HERE/console.py" "$WORK/certs" "$TOKEN" bench > "$WORK/urls" &
CONSOLE_PID=$!
for _ in $(seq 100); do [ -s "$WORK/urls" ] && break; sleep 0.1; done
read -r HTTP HTTPS CA < "$WORK/urls"
export WARD_TOKEN=$TOKEN

ratio() { echo "$1 $2" | awk '{ printf "%.2f\n", $2 / $1 }'; }
min() { if [ -z "$1" ]; then echo "$2"; else echo "$1 $2" | awk '{ print ($2 < $1) ? $2 : $1 }'; fi; }
median() { sort -n "$1" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "ward-defender TLS benchmark ($(uname -r), $(nproc) cores, $("$DEFENDER" version), BearSSL 0.6)"
echo "console stand-in: Python $(python3 -c 'import ssl, sys; print(sys.version.split()[0], ssl.OPENSSL_VERSION)'), ECDSA P-256 certificate"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "1. audit batch upload, one connection per batch as the defender does (us per batch, min of $REPEAT interleaved rounds of $N)"
echo "   wall: the round trip to the console stand-in, whose Python TLS is most of it; cpu: the client's own cost"
for audits in 500 1; do
	min_plain=""; min_tls=""; cpu_plain=""; cpu_tls=""; : > "$WORK/r"; : > "$WORK/rc"
	for _ in $(seq "$REPEAT"); do
		set -- $("$WORK/upload" "$HTTP" "$CA" "$audits" "$N"); p=$1; pc=$2
		set -- $("$WORK/upload" "$HTTPS" "$CA" "$audits" "$N"); t=$1; tc=$2
		min_plain=$(min "$min_plain" "$p"); min_tls=$(min "$min_tls" "$t")
		cpu_plain=$(min "$cpu_plain" "$pc"); cpu_tls=$(min "$cpu_tls" "$tc")
		ratio "$p" "$t" >> "$WORK/r"; ratio "$pc" "$tc" >> "$WORK/rc"
	done
	printf "   %3d audits: wall http %6s   https %6s   %sx (median of rounds %sx)   cpu http %5s   https %5s   %sx (median %sx)\n" \
		"$audits" "$min_plain" "$min_tls" "$(ratio "$min_plain" "$min_tls")" "$(median "$WORK/r")" \
		"$cpu_plain" "$cpu_tls" "$(ratio "$cpu_plain" "$cpu_tls")" "$(median "$WORK/rc")"
done

echo "2. defender resident memory, console over https vs http (KiB; target < 2 MiB)"
mkdir -p "$WORK/data-http" "$WORK/data-https"
status() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null; }
defend() { # defend URL DATA CMD...
	url=$1; data=$2; shift 2
	"$DEFENDER" run --app-id bench --console "$url" --ca-file "$CA" --data-folder "$data" -- "$@" \
		>/dev/null 2>"$data/log" &
	pid=$!
}
sample() { # sample PID SECONDS -> peak VmRSS while running, then VmHWM
	peak=0
	for _ in $(seq $(($2 * 10))); do
		sleep 0.1
		r=$(status "$1" VmRSS); [ "${r:-0}" -gt "$peak" ] && peak=$r
	done
	hwm=$(status "$1" VmHWM)
}
for scheme in https http; do
	url=$HTTPS; [ "$scheme" = http ] && url=$HTTP
	rm -rf "$WORK/data-$scheme"; mkdir -p "$WORK/data-$scheme"
	defend "$url" "$WORK/data-$scheme" sleep 4
	sleep 2 # token, rule, long-poll open
	idle=$(status $pid VmRSS)
	wait $pid || true
	defend "$url" "$WORK/data-$scheme" "$WORK/loops" rate 100 5 "$WORK/nop"
	sample $pid 4
	wait $pid || true
	# the console link must have worked: no refused handshake, nothing unreachable, nothing spooled
	failed=$(grep -c "BearSSL\|unreachable\|redirect" "$WORK/data-$scheme/log" || true)
	spooled=$(ls "$WORK/data-$scheme/spool" 2>/dev/null | wc -l)
	printf "   %-5s idle %s   at 100 execs/s (each audited): VmRSS peak %s, VmHWM %s   (link errors %s, batches spooled %s)\n" \
		"$scheme" "$idle" "$peak" "${hwm:-?}" "$failed" "$spooled"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
