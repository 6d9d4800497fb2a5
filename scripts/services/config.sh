# shellcheck shell=bash disable=SC2034 # settings read by the scripts that source this file
# Shared settings for scripts/services: versions, ports, paths. Sourced, never run.
# Every port and credential can be overridden from the environment so that two checkouts,
# or a developer's own services, can live side by side.

REEL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVICES_HOME="$REEL_ROOT/.reel/services"
SERVICES_ENV_FILE="$REEL_ROOT/.reel/services.env"
# Downloads and builds live outside the repo so that `down --clean` and a fresh clone keep them.
REEL_CACHE="${REEL_CACHE_DIR:-$HOME/.cache/reel}"

# Pinned versions. Kafka stays on 3.9 because kafkajs 2.2.4 speaks the older protocol versions
# that Kafka 4 removed; OpenSearch stays on 2.19 because 3.x needs Java 21.
KAFKA_VERSION=3.9.1
KAFKA_SCALA_VERSION=2.13
OPENSEARCH_VERSION=2.19.6
MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c
MAVEN_DEPENDENCY_PLUGIN_VERSION=3.8.1
REDIS_MAJOR=7

REDIS_PORT="${REEL_REDIS_PORT:-16379}"
KAFKA_PORT="${REEL_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${REEL_KAFKA_CONTROLLER_PORT:-19093}"
OPENSEARCH_PORT="${REEL_OPENSEARCH_PORT:-19200}"
OPENSEARCH_TRANSPORT_PORT="${REEL_OPENSEARCH_TRANSPORT_PORT:-19300}"
MINIO_PORT="${REEL_MINIO_PORT:-19000}"
MINIO_CONSOLE_PORT="${REEL_MINIO_CONSOLE_PORT:-19001}"

# Caps chosen so that all four fit beside the test run on a 2-core, 24 GiB machine.
REDIS_MAXMEMORY="${REEL_REDIS_MAXMEMORY:-256mb}"
KAFKA_HEAP="${REEL_KAFKA_HEAP:-512m}"
OPENSEARCH_HEAP="${REEL_OPENSEARCH_HEAP:-1g}"
MINIO_MEMLIMIT="${REEL_MINIO_MEMLIMIT:-512MiB}"

S3_REGION="${REEL_S3_REGION:-us-east-1}"
S3_BUCKET="${REEL_S3_BUCKET:-reel}"
# Test-only credentials for a server bound to loopback.
S3_ACCESS_KEY_ID="${REEL_S3_ACCESS_KEY_ID:-reel-test}"
S3_SECRET_ACCESS_KEY="${REEL_S3_SECRET_ACCESS_KEY:-reel-test-secret}"

SERVICES=(redis kafka opensearch minio)
