#!/usr/bin/env bash
# Runs the delivery benchmark (dev.silt.bench.DeliveryBench): records put into a silt stream in this JVM are landed
# by a delivery stream as gzip JSON lines and as ORC on the local file system; reports records/s against the stream's
# own read rate, the lag from put to durable file at a fixed input rate, and checks every record landed exactly once.
# Builds the bench module first when it is missing or older than its sources. Options go to the benchmark (--help);
# BENCH_JAVA_OPTS adds JVM flags.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

classpath_file="bench/target/runtime-classpath.txt"
jar="bench/target/silt-bench-0.1.0-SNAPSHOT.jar"
if [ ! -f "$jar" ] || [ ! -f "$classpath_file" ] \
    || [ -n "$(find pom.xml bench/pom.xml ingest/pom.xml bench/src/main ingest/src/main -newer "$jar" -print -quit)" ]; then
  echo "run-delivery: building the bench module…" >&2
  mvn -B -q -o -DskipTests package -pl bench -am >&2
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of flags
exec "$java" -Xmx3g -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} \
  -Dlog4j.configuration=bench-log4j.properties \
  -cp "$jar:$(cat "$classpath_file")" dev.silt.bench.DeliveryBench "$@"
