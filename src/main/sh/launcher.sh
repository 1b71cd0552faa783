#!/bin/sh
# ssocred: this shell prelude is followed by the ssocred jar; copy the whole file onto PATH to install.
# Java 17+ is taken from $SSOCRED_JAVA, $JAVA_HOME or PATH. Every JVM message goes to stderr so that
# credential_process output on stdout stays clean. See docs/performance.md for the flags and the class-data
# archive, docs/security.md for why an archive is trusted only from a private directory or the package itself.
build=@BUILD@
# No pathname expansion: the JVM flags are expanded unquoted to split them into words, and two of them hold a '*'
# (-Xlog:cds*=off:stderr): as globs, every call read the caller's working directory twice, and a file there named
# like one of them (-Xlog:cdsX=off:stderr) became a JVM option. The one glob that is meant is allowed below.
set -f
# In the tarball and the .deb this file is bin/ssocred beside lib/ssocred.jar and a runtime trimmed with jlink
# (runtime/), with its class-data archive made when the package was built (lib/ssocred.aot). /usr/bin/ssocred is a
# link to it, so the bundle is found from the link's target.
# Every subprocess here costs ~1 ms of each credential_process call, so links are resolved only when there is one.
case $0 in /*) self=$0 ;; *) self=$PWD/$0 ;; esac
here=$self
if [ -L "$self" ]; then here=$(readlink -f "$self" 2>/dev/null) || here=$self; fi
here=${here%/*}; here=${here%/bin}
bundle=""
if [ -f "$here/lib/ssocred.jar" ] && [ -x "$here/runtime/bin/java" ]; then bundle=$here; fi
if [ -n "$SSOCRED_JAVA" ]; then java=$SSOCRED_JAVA
elif [ -n "$bundle" ]; then java=$bundle/runtime/bin/java
elif [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then java=$JAVA_HOME/bin/java
else java=java
fi
# Exit code 7 (ExitCode.NO_JAVA): no Java to run on, said in words instead of the shell's "java: not found".
if ! command -v "$java" >/dev/null 2>&1; then
  echo "ssocred: cannot find Java ('$java' is not on PATH or not executable); ssocred needs Java 17 or newer" >&2
  echo "hint: install Java 17+ (e.g. 'apt-get install openjdk-17-jre-headless'), or point JAVA_HOME or SSOCRED_JAVA at one" >&2
  exit 7
fi
if [ -t 2 ]; then tty=true; else tty=false; fi
if [ -t 1 ]; then otty=true; else otty=false; fi # help in colour only on a terminal (cli.Platform.colors)
flags="-Xlog:disable -Xlog:all=warning:stderr -XX:TieredStopAtLevel=1 -XX:-UsePerfData"
# The collector, chosen below by the JDK's version: G1 unless we know the JDK is 25 or newer (docs/performance.md).
gc=-XX:+UseG1GC

jar=$self
[ -n "$bundle" ] && jar=$bundle/lib/ssocred.jar

# Class-data sharing: an AppCDS archive (JDK 17-24) or an AOT cache (JDK 25+) of ssocred's classes. The JVM checks
# only the jar's path, size and time against it, not the code inside, so an archive someone else could write would
# run their code as us: it lives only in the user's own cache directory (never a shared fallback such as /tmp),
# created with umask 077, and is used only when that directory chain and the file are ours and not writable by
# group or others. The name holds this jar's hash, the JDK and a hash of this file's path (the JVM accepts an
# archive only for the class path it was made with). The JDK's version comes from its release file.
archive=""
login=""
# djb2 of $1 into $hash, in the shell itself: a checksum program would be one more process on every call.
strhash() {
  hs=$1 hash=5381
  ht=' !"#$%&'"'"'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~'
  while [ -n "$hs" ]; do
    hr=${hs#?}; hc=${hs%"$hr"}; hs=$hr
    hp=${ht%%"$hc"*}
    hash=$(( (hash * 33 + ${#hp} + 1) % 4294967296 ))
  done
}
# $java as 'command -v' finds it, into $jbin: a path with a slash as it is, a name by walking PATH. 'jbin=$(command -v)'
# would cost every call a fork (~0.2 ms); it stays the fallback for whatever the walk does not find.
findjava() {
  jbin=""
  case $java in
    */*) [ -f "$java" ] && [ -x "$java" ] && jbin=$java ;;
    *) rest=$PATH:
      while [ -n "$rest" ]; do
        d=${rest%%:*}; rest=${rest#*:}
        if [ -f "${d:-.}/$java" ] && [ -x "${d:-.}/$java" ]; then jbin=${d:-.}/$java; break; fi
      done ;;
  esac
  [ -n "$jbin" ] || jbin=$(command -v "$java")
}
jreal=""
if [ "${SSOCRED_CDS:-on}" != off ] && findjava; then
  case $jbin in
    /*) jreal=$jbin
      if [ -L "$jbin" ]; then
        # /usr/bin/java is a link (Debian's alternatives, Fedora's): find its JDK among the system's by identity,
        # without a readlink process (~1 ms of every call). A JDK directory reached through a link is skipped, so the
        # name is the one readlink -f gives.
        jreal=""
        set +f
        for j in /usr/lib/jvm/*/bin/java; do
          if [ "$j" -ef "$jbin" ] && [ ! -L "${j%/bin/java}" ] && [ ! -L "$j" ]; then jreal=$j; break; fi
        done
        set -f
        [ -n "$jreal" ] || jreal=$(readlink -f "$jbin" 2>/dev/null)
      fi ;;
    *) jreal=$(readlink -f "$jbin" 2>/dev/null) ;;
  esac
fi
if [ -n "$jreal" ]; then
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
  # The collector: JDK 17-24 map an archive's Java heap objects (interned strings, the module graph already resolved)
  # only under G1, and a static archive holds them only when dumped under G1: with the serial collector a JDK 17 hit
  # set up its module graph anew (~4-6 ms of each call, ~10 ms of CPU). JDK 25+ load them under any collector, and
  # there the serial one starts as fast and with less memory; the tarball's caches are trained with it (packages.sh).
  case $major in
    1[7-9]|2[0-4]) ext=jsa; quiet="-Xlog:cds*=off:stderr" ;;
    2[5-9]|[3-9][0-9]) ext=aot; quiet="-Xlog:cds*=off:stderr -Xlog:aot*=off:stderr"; gc=-XX:+UseSerialGC ;;
    *) ext="" ;;
  esac
  # Only an absolute XDG_CACHE_HOME, else an absolute HOME: a relative or empty one would point somewhere shared.
  case ${XDG_CACHE_HOME:-} in
    /*) root=$XDG_CACHE_HOME ;;
    *) case ${HOME:-} in /?*) root=$HOME/.cache ;; *) root="" ;; esac ;;
  esac
  # Three archives (docs/performance.md): $archive holds what a cache hit loads (and, in a static archive, an SSO
  # role's miss, which needs no SDK), since mapping an archive costs every start time in proportion to its size;
  # $login what a login loads (no picocli, no SDK); $whole holds the AWS SDK and picocli too, for every other verb
  # and for the second JVM that an assumed role's miss is handed to (SSOCRED_STAGE=miss, cli.MissHandOff).
  if [ -n "$bundle" ] && [ "$ext" = aot ] && [ -f "$bundle/lib/ssocred.aot" ] && [ -z "$SSOCRED_JAVA" ]; then
    # The package's own AOT caches, trained when it was built, trusted as its jar is (see archtrusted() below); never
    # rebuilt per user.
    ext=packaged
    archive=$bundle/lib/ssocred.aot
    whole=$bundle/lib/ssocred-all.aot
    login=$bundle/lib/ssocred-login.aot
    flags="$flags $quiet"
  elif [ -n "$ext" ] && [ -n "$root" ]; then
    strhash "$jar"
    cache=$root/ssocred
    archive=$cache/ssocred-$build-${jhome##*/}-$jver-$hash.$ext
    whole=$cache/ssocred-$build-${jhome##*/}-$jver-$hash-all.$ext
    login=$cache/ssocred-$build-${jhome##*/}-$jver-$hash-login.$ext
    flags="$flags $quiet"
  fi
fi

# A collector named in SSOCRED_JAVA_OPTS is the user's choice; two would stop the JVM ("Multiple garbage collectors").
case " ${SSOCRED_JAVA_OPTS:-} " in
  *" -XX:+UseSerialGC "*|*" -XX:+UseParallelGC "*|*" -XX:+UseG1GC "*|*" -XX:+UseZGC "*|*" -XX:+UseShenandoahGC "*|\
  *" -XX:+UseEpsilonGC "*) gc="" ;;
esac
flags="$flags${gc:+ $gc}"

# True when every path given is ours and not writable by group or others; a symlink is judged by its target. One stat
# for all of them: /proc/$$ is this shell's, so its owner is us, and each further process would cost every call ~1 ms.
trusted() {
  info=$(stat -L -c '%u %a' -- "/proc/$$" "$@" 2>/dev/null) || return 1
  n=0
  for f in $info; do
    n=$((n + 1))
    case $n in
      1) me=$f ;;
      2) ;;
      *[13579]) [ "$f" = "$me" ] || return 1 ;;
      *) case $f in *[2367]?|*[2367]) return 1 ;; esac ;;
    esac
  done
  [ "$n" -eq $(( 2 * $# + 2 )) ]
}

# The archives' own check: the user's cache directory, then the files named. A package's caches are its own files,
# installed with its jar and its runtime (whose lib/server/classes.jsa the JVM maps unasked): whoever could replace
# them could replace the jar or the java beside them, so they are trusted as those are, and no stat is spent on them.
archtrusted() {
  [ "$ext" = packaged ] || trusted "$root" "$cache" "$@"
}

# The private cache directory, created if need be; false when it cannot be had safely.
cachedir() {
  (umask 077 && mkdir -p "$cache") 2>/dev/null && trusted "$root" "$cache"
}

# Writes $2 by running a training workload (demo.Training, silently; $1: --train-hits or --train) in a throwaway
# HOME under the JVM's dump options. Installed only when every JVM exited 0 and the file starts with the archive
# format's magic number: a dump that failed or was cut short is never used.
#  - The hit archive learns cache hits and nothing else (on JDK 17-24 an SSO role's miss too), in a HOME another JVM
#    signed in (warmup --prepare); the whole archive learns a refresh too (warmup --train); the login's learns both
#    sign-ins (warmup --train-login). Every start maps and relocates its archive whole (~0.45 ms a MB).
#  - JDK 25+: AOT caches. JDK 17-24: static archives (class list, then -Xshare:dump), which replace the JDK's own
#    archive: the hit one is smaller than it, so a hit maps less than a hello world does, and the whole one was
#    ~16 ms faster on a miss than a dynamic archive on top of the JDK's.
dump() {
  tmp=$2.$$.tmp
  magic="a2 ab 0b f0"
  home=$(umask 077 && mktemp -d) || return 1
  # shellcheck disable=SC2086
  (
    export HOME="$home"
    umask 077
    if [ "$1" = --train-hits ]; then
      "$java" $flags -Xlog:all=off -cp "$jar" dev.ssocred.Main warmup --prepare || exit 1
    fi
    if [ "$ext" = aot ]; then
      # The hit's cache without method profiles, as the package's (packages.sh): replayed at every start, they cost a
      # hit ~0.7-1 ms and serve no call that short. The flag is diagnostic: a JDK without it gets them.
      if [ "$1" = --train-hits ] && "$java" -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining -version 2>/dev/null; then
        exec "$java" $flags -Xlog:all=off -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining "-XX:AOTCacheOutput=$tmp" \
          -cp "$jar" dev.ssocred.Main warmup "$1"
      fi
      exec "$java" $flags -Xlog:all=off "-XX:AOTCacheOutput=$tmp" -cp "$jar" dev.ssocred.Main warmup "$1"
    fi
    if [ "$1" = --train-hits ]; then
      # The hit archive's list is recorded by the calls themselves, in child JVMs (demo.Training.hitsList): what
      # the training's own scaffolding loads would be mapped and relocated by every hit.
      "$java" $flags -Xlog:all=off "-Dssocred.classlist=$tmp.classes" -cp "$jar" dev.ssocred.Main warmup "$1" || exit 1
    else
      "$java" $flags -Xlog:all=off "-XX:DumpLoadedClassList=$tmp.classes" -cp "$jar" dev.ssocred.Main warmup "$1" \
        || exit 1
    fi
    exec "$java" $flags -Xlog:all=off -Xshare:dump "-XX:SharedClassListFile=$tmp.classes" \
      "-XX:SharedArchiveFile=$tmp" -cp "$jar"
  ) </dev/null >/dev/null 2>&1
  ok=$?
  rm -rf "$home" "$tmp.classes"
  if [ $ok = 0 ] && [ "$(od -An -tx1 -N4 "$tmp" 2>/dev/null | tr -s ' ' | sed 's/^ //')" = "$magic" ] \
      && chmod go-rwx "$tmp" && mv -f "$tmp" "$2"; then
    return 0
  fi
  rm -f "$tmp"
  return 1
}

# The three archives. The hit archive alone is still worth having: misses then stay in one JVM.
create() {
  dump --train-hits "$archive" && { dump --train "$whole" || true; dump --train-login "$login" || true; }
}

if [ "$1" = warmup ] && [ "$2" != --train ] && [ "$2" != --train-hits ] && [ "$2" != --help ] && [ "$2" != -h ]; then
  if [ "$ext" = packaged ]; then
    echo "ssocred: this package has its class-data archives built in ($bundle/lib); nothing to do" >&2
    exit 0
  fi
  if [ -z "$archive" ]; then
    echo "ssocred: no class-data archive: it needs JDK 17 or newer with a release file, an absolute HOME or XDG_CACHE_HOME, and SSOCRED_CDS not off" >&2
    exit 0
  fi
  if ! cachedir; then
    echo "ssocred: no class-data archive: $cache must be yours and not writable by group or others (chmod go-w '$root' '$cache')" >&2
    exit 0
  fi
  if create; then
    rm -rf "$archive.lock" "$archive.failed"
    echo "ssocred: wrote $archive" >&2
    [ -f "$whole" ] && echo "ssocred: wrote $whole" >&2
    [ -f "$login" ] && echo "ssocred: wrote $login" >&2
    exit 0
  fi
  echo "ssocred: could not write a class-data archive to $archive; ssocred works without it, only slower to start" >&2
  exit 0
fi

# The verb (the first word that is not an option or the global profile's value), and whether the front door
# answers without picocli (cli.FastPath): process and env, help and --version. Those start with the hit's archive;
# a login with its own (cli.LoginLine: neither picocli nor the SDK); every other command with the whole one, which
# holds picocli and the AWS SDK.
verb=""
value=false
front=false
for a in "$@"; do
  if $value; then value=false; continue; fi
  case $a in -p|--profile) value=true ;; -h|--help|-V|--version) front=true; break ;; -*) ;; *) verb=$a; break ;; esac
done
case $verb in ""|process|credential-process|env|help) front=true ;; exec) ;; *)
  for a in "$@"; do case $a in -h|--help) front=true; break ;; esac; done ;;
esac

share=""
errors=""
handoff=""
if [ -n "$archive" ] && [ -f "$archive" ]; then
  if [ "${SSOCRED_STAGE:-}" = miss ] || ! $front; then
    # A login as people type it: its own archive. The second JVM of an assumed role's miss (cli.MissHandOff), or a
    # command for picocli: the whole archive if there is one.
    if [ "$verb" = login ] && ! $front && [ -z "${SSOCRED_STAGE:-}" ] && [ -f "$login" ] && archtrusted "$login"; then
      use=$login
    elif [ -f "$whole" ] && archtrusted "$whole"; then use=$whole
    elif ! $front && archtrusted "$archive"; then use=$archive
    else use=""; fi
  elif [ -f "$whole" ] && archtrusted "$archive" "$whole"; then
    use=$archive; handoff=-Dssocred.launcher=$self
  elif archtrusted "$archive"; then use=$archive
  else use=""; fi
  if [ -n "$use" ]; then
    case $ext in jsa) share=-XX:SharedArchiveFile=$use ;; *) share=-XX:AOTCache=$use ;; esac
    # A crash report holds memory contents: into our private directory, not the caller's working directory.
    [ "$ext" != packaged ] && errors=-XX:ErrorFile=$cache/hs_err_pid%p.log
  fi
elif [ -n "$archive" ] && [ "$ext" != packaged ] && [ "$1" != warmup ] && cachedir; then
  # A builder killed mid-way leaves its lock: after 10 minutes it is stale. A build that failed is retried a day later.
  if [ -d "$archive.lock" ] && [ -n "$(find "$archive.lock" -maxdepth 0 -mmin +10 2>/dev/null)" ]; then
    rmdir "$archive.lock" 2>/dev/null
  fi
  if [ -z "$(find "$archive.failed" -maxdepth 0 -mtime -1 2>/dev/null)" ] && mkdir "$archive.lock" 2>/dev/null; then
    # First use: build the archives in the background, detached from our stdin/stdout/stderr so that a
    # credential_process caller never waits for them. Later runs start faster.
    ( if create; then rm -f "$archive.failed"; else : > "$archive.failed"; fi; rmdir "$archive.lock" ) \
      </dev/null >/dev/null 2>&1 &
  fi
fi

# -cp and the main class rather than -jar: -jar reads the manifest, which opens the jar's 4,000-entry directory
# once more (~2 ms); the classes themselves come from the archive.
# The JVM gets stderr as its own stdout (it prints crash reports there, before any option could move them) and the
# caller's stdout as fd 9, where ssocred writes its answer (Main.stdout). Not for exec: its child must inherit the
# caller's stdout itself (a file reopened by name would be written at another offset).
# A pipe (every credential_process caller), a terminal or /dev/null is reopened by name, /dev/fd/9. A regular file
# must be written through the caller's own open file, at its offset, and a socket cannot be reopened: both take one
# field of java.io and so --add-opens, which costs ~6 ms of module set-up and does not match a JDK 25 AOT cache
# trained without it. Only they pay.
if [ -f /dev/stdout ] || [ -S /dev/stdout ]; then stdout="--add-opens=java.base/java.io=ALL-UNNAMED -Dssocred.stdout.fd=9"
else stdout=-Dssocred.stdout.path=/dev/fd/9; fi
if [ "$verb" = exec ]; then
  # shellcheck disable=SC2086
  exec "$java" $flags ${share:+"$share"} ${errors:+"$errors"} -Dssocred.stderr.tty=$tty -Dssocred.stdout.tty=$otty \
    $SSOCRED_JAVA_OPTS \
    -cp "$jar" dev.ssocred.Main "$@"
fi
# shellcheck disable=SC2086
exec "$java" $flags ${share:+"$share"} ${errors:+"$errors"} ${handoff:+"$handoff"} -Dssocred.stderr.tty=$tty \
  -Dssocred.stdout.tty=$otty \
  $stdout $SSOCRED_JAVA_OPTS -cp "$jar" dev.ssocred.Main "$@" 9>&1 1>&2
echo "ssocred: cannot start Java ($java); install Java 17 or newer, or set JAVA_HOME" >&2
exit 1
