# shellcheck shell=bash
# OpenSearch, one node, security off, on loopback. Sourced by up, down and status.
#
# Maven Central has OpenSearch's integration-test distribution (the server with only the
# transport-netty4 module) and the other modules as plain jars. We unpack the former and lay the
# latter out as modules, each with the descriptor the full distribution would carry. The ICU
# analysis plugin is not on Maven Central, so multilingual text uses analysis-common's analyzers.

OPENSEARCH_CACHE="$REEL_CACHE/opensearch-$OPENSEARCH_VERSION"
OPENSEARCH_DIST="$OPENSEARCH_CACHE/opensearch-$OPENSEARCH_VERSION"
OPENSEARCH_HOME="$SERVICES_HOME/opensearch"

# module name | plugin class | jars (artifact names without the version) that belong to it
OPENSEARCH_MODULES=(
  'lang-painless|org.opensearch.painless.PainlessPlugin|lang-painless opensearch-scripting-painless-spi antlr4-runtime asm asm-analysis asm-commons asm-tree asm-util'
  'analysis-common|org.opensearch.analysis.common.CommonAnalysisPlugin|analysis-common'
  'mapper-extras|org.opensearch.index.mapper.MapperExtrasPlugin|mapper-extras-client'
  'reindex|org.opensearch.index.reindex.ReindexPlugin|reindex-client opensearch-rest-client opensearch-ssl-config httpclient httpcore httpasyncclient httpcore-nio commons-codec commons-logging'
)

opensearch_apt_packages() {
  [[ -f "$OPENSEARCH_CACHE/.complete" ]] || command -v unzip >/dev/null 2>&1 || printf 'unzip\n'
}

opensearch_missing() {
  java_missing
  [[ -f "$OPENSEARCH_CACHE/.complete" ]] || maven_missing OpenSearch
}

opensearch_install() {
  [[ -f "$OPENSEARCH_CACHE/.complete" ]] && return 0
  say "opensearch: resolving OpenSearch $OPENSEARCH_VERSION from Maven Central into $OPENSEARCH_CACHE"
  rm -rf "$OPENSEARCH_CACHE/jars" "$OPENSEARCH_DIST" && mkdir -p "$OPENSEARCH_CACHE"
  local v="$OPENSEARCH_VERSION"
  cat >"$OPENSEARCH_CACHE/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>reel.services</groupId>
  <artifactId>opensearch-runtime</artifactId>
  <version>$v</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.opensearch.distribution.integ-test-zip</groupId>
      <artifactId>opensearch</artifactId>
      <version>$v</version>
      <type>zip</type>
    </dependency>
    <dependency><groupId>org.opensearch.plugin</groupId><artifactId>lang-painless</artifactId><version>$v</version></dependency>
    <dependency><groupId>org.opensearch.plugin</groupId><artifactId>analysis-common</artifactId><version>$v</version></dependency>
    <dependency><groupId>org.opensearch.plugin</groupId><artifactId>mapper-extras-client</artifactId><version>$v</version></dependency>
    <dependency><groupId>org.opensearch.plugin</groupId><artifactId>reindex-client</artifactId><version>$v</version></dependency>
  </dependencies>
</project>
POM
  maven_copy_dependencies "$OPENSEARCH_CACHE" "$OPENSEARCH_CACHE/jars"
  unzip -q "$OPENSEARCH_CACHE/jars/opensearch-$v.zip" -d "$OPENSEARCH_CACHE"
  local entry name class jars jar file
  for entry in "${OPENSEARCH_MODULES[@]}"; do
    IFS='|' read -r name class jars <<<"$entry"
    mkdir -p "$OPENSEARCH_DIST/modules/$name"
    for jar in $jars; do
      # Only the module's own jars: anything also in lib/ would trip OpenSearch's jar-hell check.
      file="$(find "$OPENSEARCH_CACHE/jars" -maxdepth 1 -regex ".*/$jar-[0-9][^/]*\.jar")"
      [[ -n "$file" ]] || die "opensearch: $jar was not resolved; see $OPENSEARCH_CACHE/mvn.log"
      cp "$file" "$OPENSEARCH_DIST/modules/$name/"
    done
    opensearch_descriptor "$name" "$class" >"$OPENSEARCH_DIST/modules/$name/plugin-descriptor.properties"
  done
  # The permissions these modules ask for in the full distribution.
  printf 'grant {\n  permission java.lang.RuntimePermission "createClassLoader";\n  permission java.lang.RuntimePermission "getClassLoader";\n};\n' \
    >"$OPENSEARCH_DIST/modules/lang-painless/plugin-security.policy"
  printf 'grant {\n  permission java.net.SocketPermission "*", "connect";\n};\n' \
    >"$OPENSEARCH_DIST/modules/reindex/plugin-security.policy"
  touch "$OPENSEARCH_CACHE/.complete"
}

opensearch_descriptor() {
  local extended=''
  # analysis-common adds its analyzers to painless' whitelist, as in the full distribution.
  [[ "$1" == analysis-common ]] && extended=lang-painless
  cat <<PROPS
description=$1 module of OpenSearch $OPENSEARCH_VERSION
version=$OPENSEARCH_VERSION
name=$1
classname=$2
java.version=11
opensearch.version=$OPENSEARCH_VERSION
custom.foldername=
extended.plugins=$extended
has.native.controller=false
PROPS
}

opensearch_configure() {
  mkdir -p "$OPENSEARCH_HOME"/{config/jvm.options.d,data,logs,tmp}
  cp "$OPENSEARCH_DIST/config/jvm.options" "$OPENSEARCH_DIST/config/log4j2.properties" \
    "$OPENSEARCH_HOME/config/"
  # No pre-touching: an idle test node then holds only the heap it uses, not all of it.
  printf -- '-Xms%s\n-Xmx%s\n-XX:-AlwaysPreTouch\n' "$OPENSEARCH_HEAP" "$OPENSEARCH_HEAP" \
    >"$OPENSEARCH_HOME/config/jvm.options.d/heap.options"
  # No security plugin is installed, so HTTP is plain and open: loopback only.
  # The disk threshold is off so a nearly full CI disk does not turn test indices read-only.
  cat >"$OPENSEARCH_HOME/config/opensearch.yml" <<YAML
cluster.name: reel-services
node.name: reel-1
network.host: 127.0.0.1
http.port: $OPENSEARCH_PORT
transport.port: $OPENSEARCH_TRANSPORT_PORT
discovery.type: single-node
path.data: $OPENSEARCH_HOME/data
path.logs: $OPENSEARCH_HOME/logs
cluster.routing.allocation.disk.threshold_enabled: false
YAML
}

opensearch_ports() {
  printf '%s REEL_OPENSEARCH_PORT\n%s REEL_OPENSEARCH_TRANSPORT_PORT\n' \
    "$OPENSEARCH_PORT" "$OPENSEARCH_TRANSPORT_PORT"
}

opensearch_start() {
  opensearch_configure
  local java_opts root_opts=()
  # What bin/opensearch does: let OpenSearch's own launcher turn jvm.options into flags. It tries
  # them out in a JVM, and they name paths (logs/gc.log) relative to the node's directory.
  java_opts="$(cd "$OPENSEARCH_HOME" && OPENSEARCH_TMPDIR="$OPENSEARCH_HOME/tmp" \
    java -cp "$OPENSEARCH_DIST/lib/*" org.opensearch.tools.launchers.JvmOptionsParser \
    "$OPENSEARCH_HOME/config")" || die "opensearch: could not read its jvm.options"
  if [[ "$(id -u)" == 0 ]]; then
    # OpenSearch refuses to run as root, and asks the OS only through JNA. CI runs as root and
    # this node is a throwaway on loopback, so as root JNA's native part is kept from loading;
    # OpenSearch then runs without memory locking and seccomp, with a warning in its log.
    root_opts=(-Djna.nosys=true -Djna.noclasspath=true)
  fi
  # shellcheck disable=SC2086 # java_opts is a list of flags, split on purpose as bin/opensearch does
  start_detached opensearch "$OPENSEARCH_HOME" java $java_opts ${root_opts[@]+"${root_opts[@]}"} \
    -Dopensearch.path.home="$OPENSEARCH_DIST" -Dopensearch.path.conf="$OPENSEARCH_HOME/config" \
    -Dopensearch.distribution.type=tar -Dopensearch.bundled_jdk=false \
    -cp "$OPENSEARCH_DIST/lib/*" org.opensearch.bootstrap.OpenSearch
}

opensearch_healthy() {
  curl -fsS "http://127.0.0.1:$OPENSEARCH_PORT/_cluster/health?wait_for_status=yellow&timeout=1s" \
    | grep -q '"status":"\(green\|yellow\)"'
}

opensearch_where() { printf 'http://127.0.0.1:%s' "$OPENSEARCH_PORT"; }
