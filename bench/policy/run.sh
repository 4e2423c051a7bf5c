#!/bin/sh
# policy-service benchmark, measured side by side in one run (not a test; the target is printed, not enforced):
#   1. resolve requests/s with an ETag hit (If-None-Match current -> 304) vs a full 200 body
#   2. time from a rule update until every one of 1,000 parked long-polls has answered: p50/p99/max
#      target: 1,000 wake-ups within 250 ms p99
# Needs the built service: mvn -B -o -DskipTests package -pl local-postgres,policy-service
# Knobs: CONCURRENCY (default 4), SECONDS (per throughput run, default 10), POLLS (default 1000), ROUNDS (default 5).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
mkdir -p "$HERE/target"
CP_FILE="$HERE/target/classpath.txt"
# policy-service's test classpath holds local-postgres (PostgreSQL and the service runner).
(cd "$ROOT" && mvn -B -q -o -pl policy-service dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$CP_FILE" >/dev/null)
exec java -Dward.home="$ROOT" -Dconcurrency="${CONCURRENCY:-4}" -Dseconds="${SECONDS:-10}" \
    -Dpolls="${POLLS:-1000}" -Drounds="${ROUNDS:-5}" -cp "$(cat "$CP_FILE")" "$HERE/PolicyBench.java"
