#!/bin/sh
# ssocred: this shell prelude is followed by the ssocred jar; copy the whole file onto PATH to install.
# Java 17+ is taken from $SSOCRED_JAVA, $JAVA_HOME or PATH. JVM messages go to stderr so that credential_process
# output on stdout stays clean. See docs/performance.md for the flags and the class-data archive.
build=@BUILD@
if [ -n "$SSOCRED_JAVA" ]; then java="$SSOCRED_JAVA"
elif [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"
else java=java
fi
# Exit code 7 (ExitCode.NO_JAVA): no Java to run on, said in words instead of the shell's "java: not found".
if ! command -v "$java" >/dev/null 2>&1; then
  echo "ssocred: cannot find Java ('$java' is not on PATH or not executable); ssocred needs Java 17 or newer" >&2
  echo "hint: install Java 17+ (e.g. 'apt-get install openjdk-17-jre-headless'), or point JAVA_HOME or SSOCRED_JAVA at one" >&2
  exit 7
fi
if [ -t 2 ]; then tty=true; else tty=false; fi
flags="-Xlog:disable -Xlog:all=warning:stderr -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData"

case $0 in /*) self=$0 ;; *) self=$PWD/$0 ;; esac

# Class-data sharing: an AppCDS archive (JDK 17-24) or an AOT cache (JDK 25+) of ssocred's classes, kept in the
# user's cache directory under a name made of this jar's hash and the JDK, so a rebuilt jar or another JDK never
# reuses a stale one. The JDK's version comes from its release file: no JVM is started to learn it.
archive=""
major=""
if [ "${SSOCRED_CDS:-on}" != off ] && jbin=$(command -v "$java") && jreal=$(readlink -f "$jbin" 2>/dev/null); then
  jhome=${jreal%/bin/java}
  jver=""
  if [ -r "$jhome/release" ]; then
    while IFS= read -r line; do
      case $line in JAVA_VERSION=*) jver=${line#JAVA_VERSION=\"}; jver=${jver%\"}; break ;; esac
    done < "$jhome/release"
  fi
  major=${jver%%.*}
  case $major in
    1|[2-9]|1[0-6])
      echo "ssocred: $jbin is Java $jver; ssocred needs Java 17 or newer" >&2
      echo "hint: install Java 17+, or point JAVA_HOME or SSOCRED_JAVA at one" >&2
      exit 7 ;;
  esac
  # An archive that cannot be used is ignored; say nothing about it (the JVM would warn on every run).
  case $major in
    1[7-9]|2[0-4]) ext=jsa; quiet="-Xlog:cds*=off:stderr" ;;
    2[5-9]|[3-9][0-9]) ext=aot; quiet="-Xlog:cds*=off:stderr -Xlog:aot*=off:stderr" ;;
    *) ext="" ;;
  esac
  if [ -n "$ext" ]; then
    # The JVM accepts an archive only for the class path it was made with: this file's own path is in the key.
    cache="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/ssocred"
    archive="$cache/at${self%/*}/ssocred-$build-${jhome##*/}-$jver.$ext"
    flags="$flags $quiet"
  fi
fi

# Writes the archive by running the training workload (the demo, silently) under the JVM's dump option.
create() {
  tmp="$archive.$$.tmp"
  if [ "$ext" = aot ]; then dump="-XX:AOTCacheOutput=$tmp"; else dump="-XX:ArchiveClassesAtExit=$tmp"; fi
  # shellcheck disable=SC2086
  "$java" $flags -Xlog:all=off $dump -jar "$self" warmup --train </dev/null >/dev/null 2>&1
  if [ -s "$tmp" ]; then mv -f "$tmp" "$archive"; else rm -f "$tmp"; return 1; fi
}

if [ "$1" = warmup ] && [ "$2" != --train ] && [ "$2" != --help ] && [ "$2" != -h ]; then
  if [ -z "$archive" ]; then
    echo "ssocred: no class-data archive for this Java (needs JDK 17 or newer with a release file, and SSOCRED_CDS not off)" >&2
    exit 0
  fi
  mkdir -p "${archive%/*}" && chmod 700 "$cache" 2>/dev/null
  if create; then echo "ssocred: wrote $archive" >&2; exit 0; fi
  echo "ssocred: could not write a class-data archive to $archive; ssocred works without it, only slower to start" >&2
  exit 0
fi

share=""
if [ -n "$archive" ]; then
  if [ -f "$archive" ]; then
    if [ "$ext" = aot ]; then share="-XX:AOTCache=$archive"; else share="-XX:SharedArchiveFile=$archive"; fi
  elif [ "$1" != warmup ] && mkdir -p "${archive%/*}" 2>/dev/null && mkdir "$archive.lock" 2>/dev/null; then
    # First use: build the archive in the background, detached from our stdin/stdout/stderr so that a
    # credential_process caller never waits for it. Later runs start faster.
    ( create; rmdir "$archive.lock" ) </dev/null >/dev/null 2>&1 &
  fi
fi

# shellcheck disable=SC2086
exec "$java" $flags $share -Dssocred.stderr.tty=$tty $SSOCRED_JAVA_OPTS -jar "$self" "$@"
echo "ssocred: cannot start Java ($java); install Java 17 or newer, or set JAVA_HOME" >&2
exit 1
