#!/bin/sh
# ssocred: this shell prelude is followed by the ssocred jar; copy the whole file onto PATH to install.
# Java 17+ is taken from $SSOCRED_JAVA, $JAVA_HOME or PATH. JVM messages are sent to stderr so that
# credential_process output on stdout stays clean.
if [ -n "$SSOCRED_JAVA" ]; then java="$SSOCRED_JAVA"
elif [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"
else java=java
fi
if [ -t 2 ]; then tty=true; else tty=false; fi
exec "$java" -Xlog:disable -Xlog:all=warning:stderr -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData \
  -Dssocred.stderr.tty=$tty $SSOCRED_JAVA_OPTS -jar "$0" "$@"
echo "ssocred: cannot start Java ($java); install Java 17 or newer, or set JAVA_HOME" >&2
exit 1
