#!/usr/bin/env bash
# Counts what one S3 put costs on the loopback wire, with and without the SDK's aws-chunked signing:
# TCP segments and bytes from client to s3proxy per put. Needs tcpdump and the right to capture on lo.
#   bench/wire.sh [puts per batch, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f bench/target/classpath.txt ] || ./mvnw -q -B -Pbench package -DskipTests -pl bench -am
(cd test-servers && [ -d node_modules/dynalite ] || npm ci --no-audit --no-fund --loglevel=error)
capture=$(mktemp --suffix=.pcap)
tcpdump -i lo -s 128 -w "$capture" 'tcp' >/dev/null 2>&1 &
dump=$!
# The capture stops and its file goes however the script ends.
trap 'kill -INT "$dump" 2>/dev/null || true; rm -f "$capture"' EXIT
sleep 1
out=$(java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  -Ds3proxy.jar=bench/target/test-servers/s3proxy.jar -Ddynalite.dir=test-servers/node_modules/dynalite \
  dev.productupload.bench.PutWireProbe "${1:-20}" | grep '^WIRE ')
sleep 1
kill -INT "$dump"; wait "$dump" || true
echo "| client | file bytes | segments to S3 per put | of which without payload | bytes to S3 per put (TCP payload) |"
echo "| --- | ---: | ---: | ---: | ---: |"
while IFS='|' read -r mode size puts port from to; do
  tcpdump -r "$capture" -nn -tt "tcp dst port $port" 2>/dev/null | awk -v from="$from" -v to="$to" -v puts="$puts" \
      -v mode="${mode#WIRE }" -v size="$size" '
    { t = $1 * 1000; if (t < from || t > to) next
      n = split($0, f, "length "); len = f[n] + 0; segments++; if (len == 0) empty++; bytes += len }
    END { printf "| %s | %d | %.1f | %.1f | %.0f |\n", mode, size, segments / puts, empty / puts, bytes / puts }'
done <<< "$out"
