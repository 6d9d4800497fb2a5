# shellcheck shell=bash
# Apache Kafka in KRaft mode (one process is both broker and controller), run from the broker's
# jars on Maven Central. Sourced by up, down and status.

KAFKA_CACHE="$REEL_CACHE/kafka-$KAFKA_VERSION"
KAFKA_HOME="$SERVICES_HOME/kafka"
KAFKA_JAVA=(
  java -Xms"$KAFKA_HEAP" -Xmx"$KAFKA_HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20
  -Djava.awt.headless=true -Dlog4j.configuration="file:$KAFKA_HOME/log4j.properties"
  -cp "$KAFKA_CACHE/libs/*"
)

kafka_missing() {
  java_missing
  [[ -f "$KAFKA_CACHE/.complete" ]] || maven_missing Kafka
}

kafka_install() {
  [[ -f "$KAFKA_CACHE/.complete" ]] && return 0
  say "kafka: resolving kafka_$KAFKA_SCALA_VERSION:$KAFKA_VERSION from Maven Central into $KAFKA_CACHE"
  rm -rf "$KAFKA_CACHE/libs" && mkdir -p "$KAFKA_CACHE"
  # The broker logs through slf4j 1.7 to log4j 1 (reload4j), as Kafka's own distribution does.
  cat >"$KAFKA_CACHE/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>reel.services</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>$KAFKA_VERSION</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_$KAFKA_SCALA_VERSION</artifactId>
      <version>$KAFKA_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-reload4j</artifactId>
      <version>1.7.36</version>
    </dependency>
  </dependencies>
</project>
POM
  maven_copy_dependencies "$KAFKA_CACHE" "$KAFKA_CACHE/libs"
  touch "$KAFKA_CACHE/.complete"
}

kafka_configure() {
  mkdir -p "$KAFKA_HOME/data"
  cat >"$KAFKA_HOME/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_HOME/data
num.partitions=1
# One broker: every internal topic has one replica. Few offsets partitions make the first
# consumer group join fast; rebalancing without delay keeps group tests quick.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  cat >"$KAFKA_HOME/log4j.properties" <<'PROPS'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.org.apache.kafka.controller=WARN
log4j.logger.state.change.logger=WARN
PROPS
}

kafka_ports() {
  printf '%s REEL_KAFKA_PORT\n%s REEL_KAFKA_CONTROLLER_PORT\n' "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"
}

kafka_start() {
  kafka_configure
  # KRaft needs its log directory formatted with a cluster id once, before the first start.
  if [[ ! -f "$KAFKA_HOME/data/meta.properties" ]]; then
    local cluster_id
    # An id starting with '-' reads as an option to the tool (as Kafka's own ids never do).
    cluster_id="-"
    while [[ "$cluster_id" == -* ]]; do
      cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    done
    "${KAFKA_JAVA[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_HOME/server.properties" \
      >"$SERVICES_HOME/kafka-format.log" 2>&1 \
      || die "kafka: formatting the storage failed; see $SERVICES_HOME/kafka-format.log"
  fi
  start_detached kafka "$KAFKA_HOME" "${KAFKA_JAVA[@]}" kafka.Kafka "$KAFKA_HOME/server.properties"
}

# An open port is not enough: the broker accepts connections before it has caught up with the
# controller, so wait for the line it logs once it serves requests.
kafka_healthy() {
  port_open "$KAFKA_PORT" && grep -q 'Kafka Server started' "$(log_file kafka)"
}

kafka_where() { printf '127.0.0.1:%s (controller %s)' "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; }
