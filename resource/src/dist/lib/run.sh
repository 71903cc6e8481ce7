#!/bin/sh
# Runs one resource command on the resource jar beside this script:
#   run.sh check | run.sh in DEST | run.sh out SRC
#   run.sh train DIR   (the archive's training run, below)
# The executables /opt/resource/{check,in,out} are thin wrappers over this file.
lib=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
jar=$lib/trafficlight-resource.jar
command=${1:-}

java=java
home=${JAVA_HOME:-}
if [ -n "$home" ] && [ -x "$home/bin/java" ]; then
  java=$home/bin/java
else
  home=$(readlink -f "$(command -v java)" 2>/dev/null) && home=${home%/bin/java} || home=
fi

# The JVM in use, as its release file names it: an archive is valid only for exactly that build
# (and for exactly this jar, class path and flags).
jvm= major=
if [ -n "$home" ] && [ -r "$home/release" ]; then
  while IFS= read -r line; do
    case $line in
      JAVA_VERSION=*) v=${line#*=}; v=${v#\"}; major=${v%%.*}; jvm="$jvm $line" ;;
      JAVA_RUNTIME_VERSION=* | IMPLEMENTOR_VERSION=*) jvm="$jvm $line" ;;
    esac
  done <"$home/release"
  [ -n "$jvm" ] && jvm="$home$jvm"
fi

# One class-data archive for all three commands (lib/resource.aot on JDK 25+, .jsa AppCDS on older
# ones), trained for this jar and this JVM by the image build: `TRAFFICLIGHT_TRAIN=1 run.sh train
# DIR` runs out, check and in in one JVM (trafficlight.resource.TrainingRun, see image/train-steps).
# It is used only when lib/resource.jvm names the JVM in use and the jar is not newer than it;
# otherwise the JVM starts without one, silently.
archive= main=trafficlight.resource.Main
case $command in
  train)
    main=trafficlight.resource.TrainingRun
    shift
    if [ -n "${TRAFFICLIGHT_TRAIN:-}" ] && [ -n "$jvm" ]; then
      rm -f "$lib/resource.aot" "$lib/resource.jsa"
      printf '%s\n' "$jvm" >"$lib/resource.jvm"
      if [ "${major:-0}" -ge 25 ] 2>/dev/null; then
        archive=-XX:AOTCacheOutput=$lib/resource.aot
      else
        archive=-XX:ArchiveClassesAtExit=$lib/resource.jsa
      fi
    fi
    ;;
  check | in | out)
    if [ -n "$jvm" ] && [ -r "$lib/resource.jvm" ]; then
      IFS= read -r trained <"$lib/resource.jvm" || trained=
      if [ "$trained" = "$jvm" ]; then
        for f in "$lib/resource.aot" "$lib/resource.jsa"; do
          if [ -f "$f" ] && ! [ "$jar" -nt "$f" ]; then
            case $f in
              *.aot) archive=-XX:AOTCache=$f ;;
              *) archive=-XX:SharedArchiveFile=$f ;;
            esac
            break
          fi
        done
      fi
    fi
    ;;
esac

# JDK 25's AOT cache also records method profiles in training and replays them on every start.
# They serve C2 only, which this short-lived process never uses (C1 only, below), and replaying
# them cost ~40 ms of CPU per step. The switches are diagnostic ones of JDK 25, measured there; a
# later JVM gets its own defaults rather than a flag it might no longer know.
training=
if [ "${major:-0}" = 25 ]; then
  training="-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining -XX:-AOTReplayTraining"
fi

# TRAFFICLIGHT_XLOG=SELECTORS adds JVM logging to stderr for a diagnosis (image/smoke proves with
# TRAFFICLIGHT_XLOG=class+load that classes come from the AOT cache).
xlog=
[ -n "${TRAFFICLIGHT_XLOG:-}" ] && xlog=-Xlog:$TRAFFICLIGHT_XLOG:stderr

# A short-lived process: C1 only and a small serial heap. JVM warnings go to stderr, never into
# the protocol JSON on stdout. lib/native holds BoringSSL's TLS (Conscrypt) for this platform; it
# may load it without the JVM's restricted-method warning. Reflection (Conscrypt calls a few JDK
# methods that way) through native accessors: the default spins method-handle classes in every
# process, which the AOT cache cannot keep.
# shellcheck disable=SC2086
exec "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData \
  -Xlog:disable -Xlog:all=warning:stderr $xlog $archive $training \
  --enable-native-access=ALL-UNNAMED -Djava.library.path="$lib/native" \
  -Djdk.reflect.useNativeAccessorOnly=true \
  -cp "$jar" $main "$@"
