#!/usr/bin/env bash
# A local Neo4j 5.26 Community server for kg, built from Maven Central (see pom.xml).
#
#   server.sh start    build if needed, start (or find running), print bolt://neo4j:PASSWORD@127.0.0.1:PORT
#   server.sh stop     stop the server and wait for it to exit
#   server.sh status   say whether it runs (exit 0) or not (exit 3)
#   server.sh uri      print the URI of the running server
#
# Environment: KG_NEO4J_PORT (default: a free port), KG_NEO4J_PASSWORD (default: generated),
# KG_NEO4J_STATE_DIR (default: tests/neo4j/.state), KG_NEO4J_FRESH=1 (start on an empty database),
# KG_NEO4J_START_TIMEOUT (seconds, default 180), KG_NEO4J_HEAP (default 1g),
# KG_NEO4J_JAVA_OPTS (extra JVM options).
# Only the URI goes to stdout; everything else goes to stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="${KG_NEO4J_STATE_DIR:-$here/.state}"
main_class="kg.testserver.Main"

die() { echo "server.sh: $*" >&2; exit 1; }

java_bin() {
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
        echo "$JAVA_HOME/bin/java"
    else
        command -v java || die "java not found (Java 17+ is needed)"
    fi
}

# Rebuild when target/ is missing or the sources changed since the last build.
build() {
    local stamp="$here/target/.built"
    if [[ -f "$stamp" && ! "$here/pom.xml" -nt "$stamp" && -z "$(find "$here/src" -newer "$stamp" -type f -print -quit)" ]]; then
        return
    fi
    command -v mvn >/dev/null || die "mvn not found (Maven is needed to build $here)"
    echo "server.sh: building $here (the first build downloads Neo4j from Maven Central)" >&2
    (cd "$here" && mvn -q -B package -DskipTests) >&2 || die "maven build failed"
    touch "$stamp"
}

# Prints the pid of our running server, or fails.
running_pid() {
    local pid
    [[ -f "$state/pid" ]] || return 1
    pid="$(<"$state/pid")"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    # Guard against a recycled pid.
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$main_class" || return 1
    echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 12000)) # below Linux's ephemeral range
        port_open "$port" || { echo "$port"; return; }
    done
    die "no free port found"
}

new_password() { head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24; }

log_tail() {
    echo "--- $state/server.log (tail) ---" >&2
    tail -n 40 "$state/server.log" >&2 || true
    if [[ -f "$state/data/logs/debug.log" ]]; then
        echo "--- $state/data/logs/debug.log (tail) ---" >&2
        tail -n 40 "$state/data/logs/debug.log" >&2
    fi
}

start() {
    local pid port password java heap timeout deadline
    if running_pid >/dev/null; then cat "$state/uri"; return; fi
    build
    java="$(java_bin)"
    port="${KG_NEO4J_PORT:-$(free_port)}"
    password="${KG_NEO4J_PASSWORD:-$(new_password)}"
    heap="${KG_NEO4J_HEAP:-1g}"
    [[ "$port" =~ ^[0-9]+$ ]] || die "KG_NEO4J_PORT must be a number"
    [[ "$password" =~ ^[A-Za-z0-9._~-]{8,}$ ]] ||
        die "KG_NEO4J_PASSWORD must be 8+ characters from A-Z a-z 0-9 . _ ~ - (it goes into a URI)"
    port_open "$port" && die "port $port is already in use"
    rm -f "$state/pid" "$state/uri"
    [[ "${KG_NEO4J_FRESH:-0}" == 1 ]] && rm -rf "$state/data"

    local -a jvm extra
    jvm=("-Xms$heap" "-Xmx$heap" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -XX:-OmitStackTraceInFastThrow
        -Dlog4j2.disable.jmx=true --add-opens=java.base/java.nio=ALL-UNNAMED
        --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED)
    read -ra extra <<<"${KG_NEO4J_JAVA_OPTS:-}"

    # The password reaches Java through the environment, not the (world-readable) command line.
    # setsid and the redirections detach the server from the caller's terminal, pipes and lock.
    KG_NEO4J_PASSWORD="$password" setsid "$java" "${jvm[@]}" "${extra[@]}" \
        -cp "$here/target/classes:$here/target/lib/*" "$main_class" "$state/data" "$port" \
        </dev/null >"$state/server.log" 2>&1 9>&- &
    pid=$!
    echo "$pid" >"$state/pid"

    timeout="${KG_NEO4J_START_TIMEOUT:-180}"
    deadline=$((SECONDS + timeout))
    until grep -q '^READY' "$state/server.log" && port_open "$port"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$state/pid"
            log_tail
            die "the server exited before Bolt opened"
        fi
        if ((SECONDS >= deadline)); then
            stop
            log_tail
            die "Bolt did not open on 127.0.0.1:$port within ${timeout}s"
        fi
        sleep 0.2
    done
    echo "bolt://neo4j:$password@127.0.0.1:$port" >"$state/uri"
    cat "$state/uri"
}

stop() {
    local pid
    if pid="$(running_pid)"; then
        kill -TERM "$pid"
        for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then
            echo "server.sh: pid $pid ignored SIGTERM for 60 s; killing it" >&2
            kill -KILL "$pid"
        fi
    fi
    rm -f "$state/pid" "$state/uri"
}

status() {
    local pid
    if pid="$(running_pid)"; then
        echo "running (pid $pid) at $(sed 's#//[^@]*@#//#' "$state/uri")"
    else
        echo "stopped"
        return 3
    fi
}

uri() {
    running_pid >/dev/null || die "no server is running (state: $state)"
    cat "$state/uri"
}

cmd="${1:-}"
case "$cmd" in
    start | stop | status | uri) ;;
    *) echo "usage: $0 start|stop|status|uri" >&2; exit 2 ;;
esac

umask 077
mkdir -p "$state"
# Serialise concurrent callers (e.g. several test processes) on one state dir.
if command -v flock >/dev/null; then
    exec 9>"$state/lock"
    flock -w 600 9 || die "timed out waiting for $state/lock"
fi
"$cmd"
