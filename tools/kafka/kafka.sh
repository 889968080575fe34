#!/usr/bin/env bash
# Single-node KRaft Kafka broker for development, tests and CI.
#
#   bash tools/kafka/kafka.sh start|stop|status      (npm run kafka:start / kafka:stop)
#
# The broker jars come from Maven Central through tools/kafka/pom.xml (the pinned version lives
# there) and are cached, so only the first start needs the network. See tools/kafka/README.md and
# docs/adr/0004-kafka-broker-version.md.
#
# Environment (all optional):
#   KAFKA_PORT             PLAINTEXT listener on 127.0.0.1 (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft CONTROLLER listener on 127.0.0.1 (default 9093)
#   KAFKA_DATA_DIR         broker data (default <cache>/kafka-<version>/data-<port>)
#   KAFKA_RESET=1          start: stop this port's broker if running and wipe the data dir first
#   KAFKA_START_TIMEOUT    seconds start waits for a usable broker (default 90)
#   KAFKA_STOP_TIMEOUT     seconds stop waits after SIGTERM before SIGKILL (default 30)
#   KAFKA_HEAP_OPTS        broker heap flags (default "-Xms256m -Xmx768m")
#   STEERCO_CACHE_DIR      cache root (default $HOME/.cache/steerco)
#   JAVA_HOME              java to use (default: java on PATH); Java 17+ is required
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$SCRIPT_DIR/pom.xml"

# The pom is the single source of truth for the version.
KAFKA_VERSION="$(sed -n 's:.*<kafka\.version>\(.*\)</kafka\.version>.*:\1:p' "$POM" | head -n 1)"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
CACHE_ROOT="${STEERCO_CACHE_DIR:-$HOME/.cache/steerco}"
KAFKA_CACHE="$CACHE_ROOT/kafka-$KAFKA_VERSION"
LIBS_DIR="$KAFKA_CACHE/libs"
DATA_DIR="${KAFKA_DATA_DIR:-$KAFKA_CACHE/data-$KAFKA_PORT}"
# Pid, generated config, logs and class-data archives are keyed by port only (not by version or
# data dir), so `stop` finds the broker with nothing but KAFKA_PORT, even after a version bump.
RUN_DIR="$CACHE_ROOT/kafka-run-$KAFKA_PORT"
PID_FILE="$RUN_DIR/broker.pid"
SERVER_PROPS="$RUN_DIR/server.properties"
LOG_FILE="$RUN_DIR/server.log"
STDOUT_FILE="$RUN_DIR/stdout.log"
BROKER_CDS="$RUN_DIR/broker.jsa"
TOPIC_CMD_CDS="$RUN_DIR/topic-command.jsa"

START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVA_VERSION="" # set by require_java

# Flags for every JVM: crash reports go to the run dir, never into the caller's working directory.
COMMON_JVM_OPTS=(-XX:+UseSerialGC -XX:-UsePerfData "-XX:ErrorFile=$RUN_DIR/hs_err_pid%p.log")
# Short-lived tool JVMs (format, readiness check): C1 only starts in well under a second on 2
# cores, where tiered compilation spends its time compiling code that runs once.
TOOL_JVM_OPTS=("${COMMON_JVM_OPTS[@]}" -XX:TieredStopAtLevel=1 -Xmx256m)

log() { printf '[kafka] %s\n' "$*"; }
die() { printf '[kafka] ERROR: %s\n' "$*" >&2; exit 1; }

# --- prerequisites --------------------------------------------------------------------------

require_java() {
  command -v "$JAVA" >/dev/null 2>&1 ||
    die "java not found. The test Kafka broker needs Java 17 or newer (e.g. apt-get install openjdk-17-jre-headless)."
  local major
  JAVA_VERSION="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
  major="${JAVA_VERSION%%.*}"
  [[ "$major" == 1 ]] && major="$(echo "$JAVA_VERSION" | cut -d. -f2)" # "1.8.0_x" style
  [[ "$major" =~ ^[0-9]+$ && "$major" -ge 17 ]] ||
    die "Kafka $KAFKA_VERSION needs Java 17 or newer; '$JAVA -version' reports '${JAVA_VERSION:-unknown}'. Install openjdk-17 or set JAVA_HOME."
}

# --- process and port helpers ---------------------------------------------------------------

# True when PID_FILE names a live broker that this script started with this run dir's config.
# Checking the command line (not just `kill -0`) guards against a recycled pid.
broker_running() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "kafka.Kafka $SERVER_PROPS"
}

broker_pid() { cat "$PID_FILE"; }

# True when something accepts TCP connections on 127.0.0.1:$1 (bash's /dev/tcp, no extra tools).
port_in_use() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# Best effort: name the process holding the port (ss is in iproute2; skip quietly without it).
describe_port_owner() {
  if command -v ss >/dev/null 2>&1; then
    ss -ltnpH "sport = :$1" 2>/dev/null | sed 's/^/[kafka]   /' || true
  fi
}

classpath() { echo "$LIBS_DIR/*"; }

# --- fetch ----------------------------------------------------------------------------------

# Copies the broker jars into LIBS_DIR once. The marker holds the pom's checksum: any pom change
# (version or dependency bump) refetches, otherwise Maven is not even started.
fetch_libs() {
  local marker="$LIBS_DIR/.complete" pom_sum
  pom_sum="$(sha256sum "$POM" | cut -d' ' -f1)"
  if [[ -f "$marker" && "$(cat "$marker")" == "$pom_sum" ]]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 ||
    die "Maven (mvn) is needed once to fetch the Kafka $KAFKA_VERSION jars into $LIBS_DIR."
  log "fetching Kafka $KAFKA_VERSION jars from Maven Central into $LIBS_DIR"
  local tmp="$LIBS_DIR.tmp.$$" mvn_log="$KAFKA_CACHE/fetch.log"
  rm -rf "$tmp"
  mkdir -p "$KAFKA_CACHE"
  if ! mvn -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies \
    -DoutputDirectory="$tmp" >"$mvn_log" 2>&1; then
    tail -n 30 "$mvn_log" >&2
    rm -rf "$tmp"
    die "Maven could not fetch the Kafka jars (full output: $mvn_log)."
  fi
  echo "$pom_sum" >"$tmp/.complete"
  # Swap in the complete folder at once, so an interrupted fetch never looks complete.
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
}

# --- configuration --------------------------------------------------------------------------

write_config() {
  mkdir -p "$RUN_DIR" "$DATA_DIR"
  cat >"$SERVER_PROPS" <<EOF
# Generated by tools/kafka/kafka.sh on every start; edit the script, not this file.
# Single node that is both KRaft controller and broker.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$DATA_DIR/kraft

# One broker: every internal topic and default must fit a replication factor of 1.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
default.replication.factor=1

# The application creates its own topics; a typo must fail rather than create a topic.
auto.create.topics.enable=false
num.partitions=3

# Fast tests: no 3 s wait before the first rebalance, and small internal topics (the default 50
# partitions each make the first consumer group or transaction noticeably slower to start).
group.initial.rebalance.delay.ms=0
offsets.topic.num.partitions=3
transaction.state.log.num.partitions=3
share.coordinator.state.topic.num.partitions=3

# Sized for a 2-core machine.
num.network.threads=2
num.io.threads=4
background.threads=4
num.recovery.threads.per.data.dir=1
EOF

  cat >"$RUN_DIR/log4j2.properties" <<EOF
# Broker log: one rolling file, bounded in size.
status = warn
appender.file.type = RollingFile
appender.file.name = FILE
appender.file.fileName = $LOG_FILE
appender.file.filePattern = $LOG_FILE.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 20MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
# Per-request and state-change chatter is useless for a test broker.
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.state.name = state.change.logger
logger.state.level = WARN
EOF

  # Tool JVMs only report problems, on stderr.
  cat >"$RUN_DIR/log4j2-tools.properties" <<EOF
status = warn
appender.err.type = Console
appender.err.name = STDERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = %p %m (%c)%n
rootLogger.level = ERROR
rootLogger.appenderRef.err.ref = STDERR
EOF

  # Client settings for the readiness check: fail fast and let the loop retry.
  cat >"$RUN_DIR/check-client.properties" <<EOF
request.timeout.ms=5000
default.api.timeout.ms=10000
EOF
}

# --- class-data sharing ---------------------------------------------------------------------
# AppCDS: the first run of a JVM records the classes it loaded into an archive when it exits
# cleanly; later runs map that archive instead of loading and verifying ~45 MB of jars. On 2
# cores the broker then starts in ~1.3 s instead of ~2.4 s, and a tool in 0.4 s instead of 0.8 s.
# An archive fits only the JVM and jars it was made with (hence the stamp), and Java 17 crashes
# on a truncated one: archives are written to *.tmp and promoted only after a clean exit, and are
# dropped when a JVM using them dies. -Xlog:cds=off silences the "skipping class" notes written
# while archiving; a JVM that cannot use an archive simply runs without it.

cds_flags() { # $1: archive path
  local archive="$1" stamp
  stamp="$JAVA_VERSION $(cat "$LIBS_DIR/.complete")"
  if [[ -s "$archive" && "$(cat "$archive.stamp" 2>/dev/null)" == "$stamp" ]]; then
    echo "-Xlog:cds=off -XX:SharedArchiveFile=$archive"
  else
    rm -f "$archive" "$archive.tmp"
    echo "$stamp" >"$archive.stamp"
    echo "-Xlog:cds=off -XX:ArchiveClassesAtExit=$archive.tmp"
  fi
}

cds_promote() {
  if [[ -s "$1.tmp" ]]; then mv -f "$1.tmp" "$1"; fi
}

cds_drop() { rm -f "$1" "$1.tmp"; }

# --- tools ----------------------------------------------------------------------------------

# Runs a Kafka tool class in a short-lived JVM: run_tool [jvm flags] class [args]. The timeout
# keeps a tool that waits on an unresponsive broker from eating the whole start budget.
run_tool() {
  timeout 30 "$JAVA" "${TOOL_JVM_OPTS[@]}" \
    -Dlog4j2.configurationFile="$RUN_DIR/log4j2-tools.properties" -cp "$(classpath)" "$@"
}

# kafka-topics against this broker. It runs twice on every start, so it gets its own archive.
topic_command() {
  local cds rc=0
  cds="$(cds_flags "$TOPIC_CMD_CDS")"
  # shellcheck disable=SC2086 # cds is a list of flags
  run_tool $cds org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
    --command-config "$RUN_DIR/check-client.properties" "$@" || rc=$?
  if ((rc == 0)); then
    cds_promote "$TOPIC_CMD_CDS"
  elif ((rc > 128)); then
    cds_drop "$TOPIC_CMD_CDS" # killed by a signal: maybe the JVM crashed on its archive
  fi
  return "$rc"
}

# Formats the KRaft log dir once. The cluster id is generated on the first format and kept in the
# data dir, so the same data dir always comes back with the same cluster (KAFKA_RESET=1 starts over).
format_storage() {
  [[ -f "$DATA_DIR/kraft/meta.properties" ]] && return 0
  local id_file="$DATA_DIR/cluster.id" cluster_id
  if [[ ! -s "$id_file" ]]; then
    run_tool kafka.tools.StorageTool random-uuid >"$id_file"
  fi
  cluster_id="$(tr -d '[:space:]' <"$id_file")"
  log "formatting $DATA_DIR/kraft (cluster id $cluster_id)"
  run_tool kafka.tools.StorageTool format --cluster-id "$cluster_id" --config "$SERVER_PROPS" >/dev/null
}

# --- lifecycle ------------------------------------------------------------------------------

launch_broker() {
  # Fresh log files per run, so a failed start shows its own log; the previous run's is kept.
  if [[ -f "$LOG_FILE" ]]; then mv -f "$LOG_FILE" "$LOG_FILE.prev"; fi
  : >"$STDOUT_FILE"
  # setsid: the broker must outlive the npm/CI step that started it and not get its Ctrl-C.
  # 9>&-: the broker must not inherit (and so hold forever) the start/stop lock on fd 9.
  # SerialGC: fewest GC threads and quickest start on 2 cores; plenty for a test broker heap.
  # No Log4j shutdown hook: it closed the log before Kafka's own shutdown hook had finished, so
  # the last lines of a stop were lost (the file appender flushes every line anyway).
  local detach=() cds
  command -v setsid >/dev/null 2>&1 && detach=(setsid)
  cds="$(cds_flags "$BROKER_CDS")"
  # shellcheck disable=SC2086 # HEAP_OPTS and cds are lists of flags
  nohup "${detach[@]}" "$JAVA" $HEAP_OPTS "${COMMON_JVM_OPTS[@]}" $cds \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$RUN_DIR/log4j2.properties" -Dlog4j2.shutdownHookEnabled=false \
    -cp "$(classpath)" kafka.Kafka "$SERVER_PROPS" \
    </dev/null >>"$STDOUT_FILE" 2>&1 9>&- &
  local pid=$! i
  echo "$pid" >"$PID_FILE"
  disown "$pid" 2>/dev/null || true # not a job of this shell: no "Aborted" notice if it crashes
  # nohup and setsid exec into java; until they have, broker_running would not recognise the pid.
  for ((i = 0; i < 50; i++)); do
    broker_running || ! kill -0 "$pid" 2>/dev/null && break
    sleep 0.1
  done
}

show_log_tail() {
  echo "---- last lines of $LOG_FILE ----" >&2
  tail -n 40 "$LOG_FILE" >&2 2>/dev/null || true
  if [[ -s "$STDOUT_FILE" ]]; then
    echo "---- last lines of $STDOUT_FILE ----" >&2
    tail -n 20 "$STDOUT_FILE" >&2
  fi
}

# Ready means more than an open port: a topic is created and deleted through the broker, which
# proves the controller, metadata log and request handlers all work.
broker_usable() {
  local topic="kafka-sh-ready-check-$$"
  topic_command --create --if-not-exists --topic "$topic" --partitions 1 --replication-factor 1 \
    >/dev/null 2>&1 &&
    topic_command --delete --if-exists --topic "$topic" >/dev/null 2>&1
}

# Returns 0 once the broker is usable and 1 if it exited; gives up (and stops it) after
# START_TIMEOUT seconds.
wait_until_ready() {
  local deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    broker_running || return 1
    # Only spend a tool JVM once the listener is up.
    if port_in_use "$KAFKA_PORT" && broker_usable; then
      return 0
    fi
    sleep 0.25
  done
  show_log_tail
  stop_broker >/dev/null
  die "the broker did not become usable within ${START_TIMEOUT}s (logs above); it was stopped."
}

# The JVM died during start-up. A damaged class-data archive does that at once: retry once
# without it (anything else fails again the same way and is reported by the caller).
retry_without_cds() {
  [[ -f "$BROKER_CDS" ]] || return 1
  log "the broker exited during start-up; retrying without its class-data archive"
  cds_drop "$BROKER_CDS"
  launch_broker
  wait_until_ready
}

# SIGTERM lets Kafka close its logs cleanly (faster next start, no recovery); SIGKILL only if it
# hangs past STOP_TIMEOUT.
stop_broker() {
  if ! broker_running; then
    rm -f "$PID_FILE"
    log "not running (port $KAFKA_PORT)"
    return 0
  fi
  local pid waited=0
  pid="$(broker_pid)"
  log "stopping broker (pid $pid, port $KAFKA_PORT)"
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && ((waited < STOP_TIMEOUT * 10)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still running after ${STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    rm -f "$BROKER_CDS.tmp" # may be half written
  else
    cds_promote "$BROKER_CDS" # a clean exit wrote the whole archive
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

# Serialises start/stop for one port (parallel CI steps, two terminals); no-op without flock.
# Bounded wait, so a stuck holder turns into an error instead of a hang.
take_lock() {
  mkdir -p "$RUN_DIR"
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>"$RUN_DIR/.lock"
  flock -w $((START_TIMEOUT + STOP_TIMEOUT + 30)) 9 ||
    die "another kafka.sh start/stop for port $KAFKA_PORT still holds $RUN_DIR/.lock."
}

# --- commands -------------------------------------------------------------------------------

cmd_start() {
  require_java
  take_lock
  if [[ "${KAFKA_RESET:-0}" == 1 ]]; then
    if broker_running; then stop_broker; fi
    log "KAFKA_RESET=1: wiping $DATA_DIR"
    rm -rf "$DATA_DIR"
  fi
  if broker_running; then
    log "already running (pid $(broker_pid)) on 127.0.0.1:$KAFKA_PORT"
    return 0
  fi
  rm -f "$PID_FILE"
  local port
  for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if port_in_use "$port"; then
      describe_port_owner "$port" >&2
      die "port $port on 127.0.0.1 is already in use by another process (not a broker started by this script). Stop it or choose KAFKA_PORT / KAFKA_CONTROLLER_PORT."
    fi
  done

  local started=$SECONDS
  fetch_libs
  write_config
  format_storage
  log "starting Kafka $KAFKA_VERSION on 127.0.0.1:$KAFKA_PORT (log: $LOG_FILE)"
  launch_broker
  if ! wait_until_ready && ! retry_without_cds; then
    show_log_tail
    rm -f "$PID_FILE"
    die "the broker exited during start-up (logs above)."
  fi
  log "ready: bootstrap 127.0.0.1:$KAFKA_PORT, pid $(broker_pid), data $DATA_DIR ($((SECONDS - started))s)"
}

cmd_stop() {
  take_lock
  stop_broker
}

cmd_status() {
  if broker_running; then
    log "running: Kafka on 127.0.0.1:$KAFKA_PORT, pid $(broker_pid), log $LOG_FILE"
  else
    log "not running (port $KAFKA_PORT)"
    return 3 # LSB status code for "not running"
  fi
}

main() {
  case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *)
      echo "usage: $0 start|stop|status" >&2
      exit 2
      ;;
  esac
}

main "$@"
