#!/usr/bin/env bash
# Runs the stream benchmark (dev.silt.bench.StreamBench): silt's Kinesis-compatible stream through the AWS SDK for
# Java v2 against an Apache Kafka broker through Kafka's producer, on loopback, each server in its own JVM; then
# reads everything back and checks it. Builds the bench module first when it is missing or older than its sources.
# Options go to the benchmark (run with --help); BENCH_JAVA_OPTS adds JVM flags to the load generator.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

classpath_file="bench/target/runtime-classpath.txt"
jar="bench/target/silt-bench-0.1.0-SNAPSHOT.jar"
if [ ! -f "$jar" ] || [ ! -f "$classpath_file" ] \
    || [ -n "$(find pom.xml bench/pom.xml ingest/pom.xml mapreduce/pom.xml bench/src/main ingest/src/main mapreduce/src/main \
        -newer "$jar" -print -quit)" ]; then
  echo "run-stream: building the bench module…" >&2
  mvn -B -q -o -DskipTests package -pl bench -am >&2
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# kinesalite, the usual local Kinesis stand-in, joins as a third contender when npm can install it (once, into
# bench/target/kinesalite). BENCH_KINESALITE=0 leaves it out; without npm or on a failed install the run goes on.
kinesalite_version="3.3.3"
kinesalite_dir="bench/target/kinesalite"
kinesalite_bin="$kinesalite_dir/node_modules/.bin/kinesalite"
extra=()
if [ "${BENCH_KINESALITE:-1}" != "0" ]; then
  if [ ! -x "$kinesalite_bin" ] && command -v npm >/dev/null && command -v node >/dev/null; then
    echo "run-stream: installing kinesalite $kinesalite_version with npm…" >&2
    mkdir -p "$kinesalite_dir"
    if ! npm install --prefix "$kinesalite_dir" --no-audit --no-fund --loglevel=error \
        "kinesalite@$kinesalite_version" >"$kinesalite_dir/npm.log" 2>&1; then
      echo "run-stream: kinesalite could not be installed (see $kinesalite_dir/npm.log); running without it" >&2
    fi
  fi
  if [ -x "$kinesalite_bin" ]; then
    extra=(--kinesalite "$kinesalite_bin")
  fi
fi

# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of flags
exec "$java" -Xmx2g ${BENCH_JAVA_OPTS:-} \
  -Dlog4j.configuration=bench-log4j.properties \
  -cp "$jar:$(cat "$classpath_file")" dev.silt.bench.StreamBench "${extra[@]}" "$@"
