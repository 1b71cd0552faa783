#!/usr/bin/env bash
# Builds the packages that need no Maven and no system Java (mvn package runs this after target/ssocred):
#   target/ssocred-<version>-linux-x64.tar.gz   bin/ssocred, lib/ssocred.jar, a jlink runtime, its AOT cache, man
#                                               page and completions; unpack anywhere and run bin/ssocred
#   target/ssocred_<version>_amd64.deb          the same under /usr/lib/ssocred, /usr/bin/ssocred, the man page and
#                                               the bash, zsh and fish completions where those shells look
# The runtime comes from BUNDLE_JDK (a JDK 25 or newer: its AOT cache can be made here, in the build, and still be
# used after the bundle is moved; a JDK 17 archive records the jar's absolute path, see docs/architecture.md).
# Without such a JDK, jlink or Linux x86_64, the packages are skipped with a note: the self-executing
# target/ssocred is unaffected.
set -euo pipefail
version=$1
target=$2
basedir=$3
jdk=${4:-}
skip=${5:-false}

note() { echo "packages: $*" >&2; }
[ "$skip" != true ] || { note "skipped (-Dpackages.skip=true)"; exit 0; }
[ "$(uname -s)/$(uname -m)" = Linux/x86_64 ] || { note "skipped: not Linux x86_64"; exit 0; }
if [ -z "$jdk" ] || [ ! -x "$jdk/bin/jlink" ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 "${JAVA_HOME:-}"; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/jlink" ]; then jdk=$candidate; break; fi
  done
fi
[ -n "$jdk" ] && [ -x "$jdk/bin/jlink" ] || { note "skipped: no JDK with jlink (set -Dbundle.jdk=/path/to/jdk)"; exit 0; }
major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release")

work=$target/packaging
stage=$work/ssocred-$version
rm -rf "$work"
mkdir -p "$stage/bin" "$stage/lib" "$stage/share/man/man1" "$stage/share/bash-completion/completions" \
  "$stage/share/zsh/vendor-completions" "$stage/share/fish/vendor_completions.d"
umask 022

# jdeps finds java.base, java.xml and jdk.httpserver; jdk.crypto.ec is reached only through TLS's service lookup.
modules=$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 "$target/ssocred.jar")
"$jdk/bin/jlink" --add-modules "$modules,jdk.crypto.ec" --strip-debug --no-man-pages --no-header-files \
  --generate-cds-archive --output "$stage/runtime" 2>/dev/null
cp "$target/ssocred.jar" "$stage/lib/ssocred.jar"
# Reproducible archives: fixed owner, order and time (the last commit's, else the epoch). The jar has that time
# before the AOT caches are made: a cache records its jar's time, and the tarball and the .deb give the jar the
# stamp, so a cache that recorded the build's time was refused after unpacking ("timestamp has changed").
stamp=$(git -C "$basedir" log -1 --format=%ct 2>/dev/null || echo 0)
touch -d "@$stamp" "$stage/lib/ssocred.jar"
cp "$target/launcher.sh" "$stage/bin/ssocred"
chmod 755 "$stage/bin/ssocred"

if [ "$major" -ge 25 ]; then
  # The AOT cache, trained on the same workload as the per-user archive, with the flags the launcher uses.
  train_home=$(mktemp -d)
  # The module options must be the launcher's for a pipe (no --add-opens), or the JVM refuses the cache.
  # Three caches, as the launcher makes per user: the cache hit's alone, the login's, and the whole one for every
  # other verb and the second JVM a miss is handed to (docs/performance.md).
  # The hit cache learns from a JVM that runs cache hits only, in a HOME another JVM signed in (warmup --prepare).
  java_flags="-Xlog:all=off -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData"
  # shellcheck disable=SC2086
  HOME=$train_home "$stage/runtime/bin/java" $java_flags -cp "$stage/lib/ssocred.jar" dev.ssocred.Main warmup --prepare \
    </dev/null >/dev/null 2>&1
  # The hit's cache holds no method profiles (JEP 515): a cache with them replays them at every start, ~0.7-1 ms of a
  # 24 ms hit that never runs long enough to use them (docs/performance.md). The flag is diagnostic; a JDK without it
  # gets a cache with profiles.
  no_profiles=""
  if "$stage/runtime/bin/java" -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining -version >/dev/null 2>&1; then
    no_profiles="-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining"
  fi
  for cache in ssocred.aot:--train-hits ssocred-all.aot:--train ssocred-login.aot:--train-login; do
    extra=""
    [ "${cache#*:}" = --train-hits ] && extra=$no_profiles
    # shellcheck disable=SC2086
    HOME=$train_home "$stage/runtime/bin/java" $java_flags $extra -XX:AOTCacheOutput="$stage/lib/${cache%%:*}" \
      -cp "$stage/lib/ssocred.jar" dev.ssocred.Main warmup "${cache#*:}" </dev/null >/dev/null 2>&1
    chmod 644 "$stage/lib/${cache%%:*}"
  done
  rm -rf "$train_home"
else
  note "the runtime is Java $major: no AOT cache in the package; each user's first run builds one in ~/.cache/ssocred"
fi

SSOCRED_CDS=off "$stage/bin/ssocred" man > "$stage/share/man/man1/ssocred.1"
SSOCRED_CDS=off "$stage/bin/ssocred" completion bash > "$stage/share/bash-completion/completions/ssocred"
SSOCRED_CDS=off "$stage/bin/ssocred" completion zsh > "$stage/share/zsh/vendor-completions/_ssocred"
SSOCRED_CDS=off "$stage/bin/ssocred" completion fish > "$stage/share/fish/vendor_completions.d/ssocred.fish"
cp "$basedir/LICENSE" "$basedir/README.md" "$stage/"

tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$stamp" -C "$work" \
  -czf "$target/ssocred-$version-linux-x64.tar.gz" "ssocred-$version"

command -v dpkg-deb >/dev/null || { note "the .deb is skipped: no dpkg-deb"; exit 0; }
root=$work/deb
mkdir -p "$root/DEBIAN" "$root/usr/lib/ssocred" "$root/usr/bin" "$root/usr/share/man/man1" \
  "$root/usr/share/doc/ssocred" "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" \
  "$root/usr/share/fish/vendor_completions.d"
cp -a "$stage/bin" "$stage/lib" "$stage/runtime" "$root/usr/lib/ssocred/"
ln -s ../lib/ssocred/bin/ssocred "$root/usr/bin/ssocred"
gzip -9n < "$stage/share/man/man1/ssocred.1" > "$root/usr/share/man/man1/ssocred.1.gz"
cp "$stage/share/bash-completion/completions/ssocred" "$root/usr/share/bash-completion/completions/ssocred"
cp "$stage/share/zsh/vendor-completions/_ssocred" "$root/usr/share/zsh/vendor-completions/_ssocred"
cp "$stage/share/fish/vendor_completions.d/ssocred.fish" "$root/usr/share/fish/vendor_completions.d/ssocred.fish"
{ echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"; echo "Upstream-Name: ssocred";
  echo; echo "Files: *"; echo "License: Apache-2.0"; echo; sed 's/^/ /; s/^ $/ ./' "$basedir/LICENSE"; } \
  > "$root/usr/share/doc/ssocred/copyright"
# The runtime needs only the C library, unless its JDK links the system zlib (Debian's own JDK does; Temurin bundles it).
depends=libc6
if ldd "$stage/runtime/lib/libzip.so" 2>/dev/null | grep -q 'libz\.so'; then depends="libc6, zlib1g"; fi
# Debian versions sort "~" before anything: 0.1.0~SNAPSHOT comes before the 0.1.0 release.
cat > "$root/DEBIAN/control" <<CONTROL
Package: ssocred
Version: ${version//-/\~}
Architecture: amd64
Maintainer: ssocred developers <ssocred@users.invalid>
Installed-Size: $(du -sk "$root/usr" | cut -f1)
Depends: ${depends}
Section: utils
Priority: optional
Description: credential helper for AWS IAM Identity Center
 Signs in to AWS IAM Identity Center and hands role credentials to the AWS CLI,
 the SDKs and any other tool (credential_process, environment variables,
 ~/.aws/credentials, a local credentials endpoint), sharing the AWS CLI's
 token and role caches. Ships its own Java runtime.
CONTROL
find "$root" -exec touch -h -d "@$stamp" {} +
dpkg-deb --root-owner-group -Zgzip --build "$root" "$target/ssocred_${version}_amd64.deb" >/dev/null
note "wrote $target/ssocred-$version-linux-x64.tar.gz and $target/ssocred_${version}_amd64.deb (Java $major runtime)"
