# shellcheck shell=bash
# Java and Maven, shared by Kafka and OpenSearch. Sourced, never run.

# A line if no Java 17+ is on PATH (Kafka 3.9 and OpenSearch 2.19 run on it).
java_missing() {
  local major
  if ! command -v java >/dev/null 2>&1; then
    printf 'Java 17+ (for Kafka and OpenSearch): apt-get install openjdk-17-jre-headless\n'
    return 0
  fi
  major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
  if [[ -z "$major" || "$major" -lt 17 ]]; then
    printf 'Java 17+ (for Kafka and OpenSearch; found Java %s): apt-get install openjdk-17-jre-headless\n' \
      "${major:-unknown}"
  fi
}

maven_missing() {
  command -v mvn >/dev/null 2>&1 \
    || printf 'Maven (to fetch %s from Maven Central once): apt-get install maven\n' "$1"
}

# maven_copy_dependencies DIR OUT: resolves DIR/pom.xml into a local repository kept beside it and
# copies every runtime jar (and zip) into OUT. The local repository stays in the cache so that a
# repeated install after a failure does not download again.
maven_copy_dependencies() {
  local dir="$1" out="$2"
  if ! mvn -B -q -f "$dir/pom.xml" -Dmaven.repo.local="$dir/m2" \
    "org.apache.maven.plugins:maven-dependency-plugin:$MAVEN_DEPENDENCY_PLUGIN_VERSION:copy-dependencies" \
    -DincludeScope=runtime -DoutputDirectory="$out" >"$dir/mvn.log" 2>&1; then
    tail -n 20 "$dir/mvn.log" >&2
    die "Maven could not resolve $dir/pom.xml; full log in $dir/mvn.log"
  fi
}
