#!/bin/sh
# Runs one resource command on the resource jar beside this script:
#   run.sh check | run.sh in DEST | run.sh out SRC
# The executables /opt/resource/{check,in,out} are thin wrappers over this file.
lib=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)

java=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java=$JAVA_HOME/bin/java; fi

# A class-data archive trained for exactly this jar and JVM, if the image build made one.
archive=
if [ -f "$lib/resource.aot" ]; then
  archive=-XX:AOTCache=$lib/resource.aot
elif [ -f "$lib/resource.jsa" ]; then
  archive=-XX:SharedArchiveFile=$lib/resource.jsa
fi

# A short-lived process: C1 only and a small serial heap. JVM warnings go to stderr, never into
# the protocol JSON on stdout.
# shellcheck disable=SC2086
exec "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData \
  -Xlog:disable -Xlog:all=warning:stderr $archive \
  -cp "$lib/trafficlight-resource.jar" trafficlight.resource.Main "$@"
