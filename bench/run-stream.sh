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

# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of flags
exec "$java" -Xmx2g ${BENCH_JAVA_OPTS:-} \
  -Dlog4j.configuration=bench-log4j.properties \
  -cp "$jar:$(cat "$classpath_file")" dev.silt.bench.StreamBench "$@"
