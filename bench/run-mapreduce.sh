#!/usr/bin/env bash
# Runs the MapReduce benchmark (dev.silt.bench.MapReduceBench): silt's aggregate against Hadoop's wordcount on the
# same generated clickstream, on the LocalJobRunner. Builds the bench module first when it is missing or older than
# its sources. Options go to the benchmark (run with --help); BENCH_JAVA_OPTS adds JVM flags (heap, JFR, …).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

classpath_file="bench/target/runtime-classpath.txt"
jar="bench/target/silt-bench-0.1.0-SNAPSHOT.jar"
if [ ! -f "$jar" ] || [ ! -f "$classpath_file" ] \
    || [ -n "$(find pom.xml bench/pom.xml mapreduce/pom.xml bench/src/main mapreduce/src/main -newer "$jar" -print -quit)" ]; then
  echo "run-mapreduce: building the bench module…" >&2
  mvn -B -q -o -DskipTests package -pl bench -am >&2
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# Hadoop reaches into these JDK packages; Java 17 closes them unless opened.
opens=(
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.zip=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.security.util=ALL-UNNAMED
  --add-opens=java.base/sun.security.x509=ALL-UNNAMED
)

# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of flags
exec "$java" -Xmx4g ${BENCH_JAVA_OPTS:-} "${opens[@]}" \
  -Dlog4j.configuration=bench-log4j.properties \
  -cp "$jar:$(cat "$classpath_file")" dev.silt.bench.MapReduceBench "$@"
