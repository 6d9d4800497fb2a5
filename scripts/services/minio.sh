# shellcheck shell=bash
# MinIO, the S3 API for tests, built from source with the Go toolchain (MinIO ships no binary on
# the registries we can reach). Sourced by up, down and status.

MINIO_CACHE="$REEL_CACHE/minio-$MINIO_VERSION"
MINIO_BIN="$MINIO_CACHE/bin/minio"
MINIO_HOME="$SERVICES_HOME/minio"
# MinIO's go.mod asks for this Go; with GOTOOLCHAIN=local an older Go would fail mid-build.
MINIO_GO_MIN=1.24

minio_missing() {
  [[ -x "$MINIO_BIN" ]] && return 0
  if ! command -v go >/dev/null 2>&1; then
    printf 'Go %s+ (to build MinIO once): install Go from https://go.dev/dl and put it on PATH\n' "$MINIO_GO_MIN"
    return 0
  fi
  local have
  have="$(go env GOVERSION | sed 's/^go//')"
  if [[ "$(printf '%s\n%s\n' "$MINIO_GO_MIN" "$have" | sort -V | head -n 1)" != "$MINIO_GO_MIN" ]]; then
    printf 'Go %s+ (to build MinIO once; found %s): install a newer Go from https://go.dev/dl\n' \
      "$MINIO_GO_MIN" "$have"
  fi
}

minio_install() {
  [[ -x "$MINIO_BIN" ]] && return 0
  say "minio: building github.com/minio/minio@$MINIO_VERSION into $MINIO_CACHE (a few minutes, once)"
  mkdir -p "$MINIO_CACHE"
  # Private module and build caches: nothing leaks into the user's Go setup, and all of it can
  # go once the binary exists. A static binary needs no C toolchain.
  if ! env GOBIN="$MINIO_CACHE/bin" GOMODCACHE="$MINIO_CACHE/gomod" GOCACHE="$MINIO_CACHE/gobuild" \
    GOFLAGS=-buildvcs=false CGO_ENABLED=0 \
    go install -trimpath "github.com/minio/minio@$MINIO_VERSION" >"$MINIO_CACHE/build.log" 2>&1; then
    tail -n 20 "$MINIO_CACHE/build.log" >&2
    die "minio: go install failed; full log in $MINIO_CACHE/build.log"
  fi
  chmod -R u+w "$MINIO_CACHE/gomod" && rm -rf "$MINIO_CACHE/gomod" "$MINIO_CACHE/gobuild"
}

minio_ports() {
  printf '%s REEL_MINIO_PORT\n%s REEL_MINIO_CONSOLE_PORT\n' "$MINIO_PORT" "$MINIO_CONSOLE_PORT"
}

minio_start() {
  mkdir -p "$MINIO_HOME/data"
  # GOMEMLIMIT keeps the Go heap near the cap; the web console and update checks are off
  # because nothing here can reach the internet and tests do not need a UI.
  start_detached minio "$MINIO_HOME" env \
    MINIO_ROOT_USER="$S3_ACCESS_KEY_ID" MINIO_ROOT_PASSWORD="$S3_SECRET_ACCESS_KEY" \
    MINIO_REGION="$S3_REGION" MINIO_BROWSER=off MINIO_UPDATE=off GOMEMLIMIT="$MINIO_MEMLIMIT" \
    "$MINIO_BIN" server --quiet --address "127.0.0.1:$MINIO_PORT" \
    --console-address "127.0.0.1:$MINIO_CONSOLE_PORT" "$MINIO_HOME/data"
}

minio_healthy() {
  curl -fsS -o /dev/null "http://127.0.0.1:$MINIO_PORT/minio/health/ready"
}

# The bucket is created with a signed S3 request from curl itself (SigV4 support is built in),
# so no client needs installing. 409 means it already exists, which is what we want.
minio_create_bucket() {
  local code
  code="$(curl -sS -o "$MINIO_HOME/create-bucket.xml" -w '%{http_code}' -X PUT \
    --aws-sigv4 "aws:amz:$S3_REGION:s3" --user "$S3_ACCESS_KEY_ID:$S3_SECRET_ACCESS_KEY" \
    -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" \
    "http://127.0.0.1:$MINIO_PORT/$S3_BUCKET")"
  case "$code" in
    200 | 409) ;;
    *) die "minio: creating bucket $S3_BUCKET failed with HTTP $code: $(cat "$MINIO_HOME/create-bucket.xml")" ;;
  esac
}

minio_where() { printf 'http://127.0.0.1:%s (bucket %s)' "$MINIO_PORT" "$S3_BUCKET"; }
