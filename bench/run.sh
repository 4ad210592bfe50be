#!/usr/bin/env bash
# Runs every benchmark and writes bench/target/results.md. Not part of the test run; never fails on timing.
#   bench/run.sh [--python-handler ../shared/reference/seed_handler.py] [--runs 7]
# JDKs: the default java, plus Temurin 25 when JAVA25_HOME (or /usr/lib/jvm/temurin-25-jdk-amd64) exists.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B -Pbench package -DskipTests
(cd bench && npm ci --no-audit --no-fund --loglevel=error)

java_bin=$(command -v java)
jdk_args=(--jdk "17=${JAVA17_HOME:-$(dirname "$(dirname "$(readlink -f "$java_bin")")")}/bin/java")
java25=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -x "$java25/bin/java" ]; then jdk_args+=(--jdk "25=$java25/bin/java"); fi

args=("$@")
if [[ " $* " != *" --python-handler "* ]]; then args+=(--python-handler ../shared/reference/seed_handler.py); fi

exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  -Ds3proxy.jar=bench/target/test-servers/s3proxy.jar \
  -Ddynalite.dir=test-servers/node_modules/dynalite \
  dev.productupload.bench.Benchmarks "${jdk_args[@]}" "${args[@]}"
