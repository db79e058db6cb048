#!/bin/sh
# The GUI's startup figure: time from JVM start to the first frame (budget 1.5 s), N runs and the
# median, without and with an AppCDS archive as packaging uses (the first run creates it). Needs a
# display (or Xvfb: DISPLAY=:99 after 'Xvfb :99 &').
# Usage: packaging/measure-startup.sh [RUNS] [GUI FLAGS...]   e.g. packaging/measure-startup.sh 7 --demo
# JAR=path/to/keydesk.jar overrides the jar (to compare builds).
set -eu
cd "$(dirname "$0")/.."
RUNS=${1:-5}
[ $# -gt 0 ] && shift
FLAGS="$* --measure-startup"
JAR=${JAR:-target/keydesk.jar}
JSA=${JAR%.jar}.jsa
[ -f "$JAR" ] || mvn -q -B package -DskipTests
[ -f "$JSA" ] || java -XX:ArchiveClassesAtExit="$JSA" -jar "$JAR" $FLAGS >/dev/null 2>&1

median() {
  sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] " ms (median of " NR " runs)"}'
}

for mode in plain appcds; do
  if [ "$mode" = appcds ]; then CDS="-XX:SharedArchiveFile=$JSA"; else CDS="-Xshare:auto"; fi
  printf '%s %-7s first frame: ' "$FLAGS" "$mode"
  for i in $(seq "$RUNS"); do
    java $CDS -jar "$JAR" $FLAGS 2>/dev/null | grep 'first frame' | awk '{print $4}'
  done | median
done
