#!/bin/sh
# The GUI's startup figure: time from JVM start to the first frame (budget 1.5 s), N runs and the
# median, with an AppCDS archive as packaging uses (first run creates it). Needs a display (or
# Xvfb: DISPLAY=:99 after 'Xvfb :99 &'). Usage: packaging/measure-startup.sh [RUNS]
set -eu
cd "$(dirname "$0")/.."
RUNS=${1:-5}
JAR=target/keydesk.jar
JSA=target/keydesk.jsa
[ -f "$JAR" ] || mvn -q -B package -DskipTests
[ -f "$JSA" ] || java -XX:ArchiveClassesAtExit="$JSA" -jar "$JAR" --measure-startup >/dev/null 2>&1
for i in $(seq "$RUNS"); do
  java -XX:SharedArchiveFile="$JSA" -jar "$JAR" --measure-startup 2>/dev/null | grep 'first frame'
done | tee /dev/stderr | awk '{print $4}' | sort -n | awk '{a[NR]=$1} END {print "median: " a[int((NR+1)/2)] " ms over " NR " runs"}'
