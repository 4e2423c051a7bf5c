#!/bin/sh
# event-service benchmark, measured side by side in one run (not a test; targets are printed, not enforced):
#   1. ingestion: audits/s through POST /api/v1/audits/app-embedded (batches of 500, 4 senders)
#      vs raw COPY of the same rows into the same table        target: REST >= 0.3x COPY
#   2. query latency p50/p95 over 1,000,000 audits (generate_series): newest 50 with and without each
#      console filter                                           target: < 50 ms
#      and the ATT&CK explorer over 30 days                     target: < 200 ms
#   3. the web console's audits page (HTML) vs the API call it makes, over the same audits   target: page p95 < 300 ms
# Needs built services: mvn -B -o -DskipTests package -pl local-postgres,policy-service,event-service,web-console
# Sizes: INGEST_ROWS (default 100000), QUERY_ROWS (default 1000000), SAMPLES (default 200).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
mkdir -p "$HERE/target"
CP_FILE="$HERE/target/classpath.txt"
# event-service's test classpath holds what the benchmark uses: local-postgres (PostgreSQL and service runner)
# and the PostgreSQL JDBC driver.
(cd "$ROOT" && mvn -B -q -o -pl event-service dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$CP_FILE" >/dev/null)
exec java -Dward.home="$ROOT" -DingestRows="${INGEST_ROWS:-100000}" -DqueryRows="${QUERY_ROWS:-1000000}" \
    -Dsamples="${SAMPLES:-200}" -cp "$(cat "$CP_FILE")" "$HERE/EventBench.java"
