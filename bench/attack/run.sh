#!/usr/bin/env bash
# Classify throughput: starts the built attack-mapper with a throw-away key pair and the echo baseline enabled,
# then times one call of 1,000 audits to classify vs the same call to the echo baseline, side by side.
# Usage: bench/attack/run.sh [rounds]     (builds attack-mapper first if it is not built)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
app="$root/attack-mapper/target/quarkus-app/quarkus-run.jar"
rounds="${1:-200}"
if [[ ! -f "$app" ]]; then
  (cd "$root" && mvn -B -q -o -pl attack-mapper package -DskipTests)
fi
work="$(mktemp -d)"
service_pid=""
cleanup() {
  if [[ -n "$service_pid" ]]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/private.pem" 2>/dev/null
openssl pkey -in "$work/private.pem" -pubout -out "$work/public.pem"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
java -Xmx512m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Dward.attack.bench-echo=true \
  -Dmp.jwt.verify.publickey.location="$work/public.pem" -Dquarkus.log.level=WARN \
  -jar "$app" > "$work/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null; then break; fi
  if ! kill -0 "$service_pid" 2>/dev/null; then cat "$work/service.log"; exit 1; fi
  sleep 0.5
done
echo "attack-mapper: $(curl -fs "http://127.0.0.1:$port/q/health/ready" | tr -d '\n ' | grep -o '"rules":[0-9]*') on $(nproc) cores, $(date -u +%FT%TZ)"
java "$root/bench/attack/ClassifyBench.java" "http://127.0.0.1:$port" "$work/private.pem" \
  "$root/attack-mapper/src/test/resources/labelled-commands.tsv" "$rounds"
