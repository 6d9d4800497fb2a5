"""Schemathesis hooks for scripts/fuzz-contract.mjs."""

import os
import uuid

import schemathesis

# 400 codes for rules that no JSON Schema of the contract can state, so schema-valid data meets
# them: a cursor the API did not hand out (cursors are opaque; real ones still reach the list
# operations through the stateful phase's links), search's `q` of spaces only, more than 10 or
# over-long tags in its comma-separated `tags`, `min_duration_sec` above `max_duration_sec`, and
# part numbers past the upload's own part count (which follows from its size and part size), and
# an avatar body that is not a readable image of its type, or is one over the pixel limit; and
# analytics' comma-separated `metrics` and `dimension:value` filters (answered with the names
# Reel knows in `details.allowed`, which a pattern's generic refusal would not give), `to`
# before `from`, and timeframes longer than the granularity allows.
RULES_BEYOND_SCHEMA = {
    "invalid_image",
    "image_too_large",
    "invalid_cursor",
    "invalid_query",
    "invalid_tags",
    "invalid_duration_range",
    "invalid_part_number",
    "unknown_metric",
    "unknown_dimension",
    "invalid_time_range",
    "time_range_too_long",
}


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """Keeps every failure except "schema-valid request rejected" by one of those rules."""
    if failure.code != "ST202" or response.status_code != 400:
        return True
    try:
        return response.json().get("code") not in RULES_BEYOND_SCHEMA
    except ValueError:
        return True


@schemathesis.hook
def map_headers(context, headers):
    """Gives each request with a valid Idempotency-Key a key of its own.

    Generated keys repeat ("0" again and again), and a repeated key with another request is
    refused with 422 before the handler runs; the platform's own tests cover replays.
    """
    key = (headers or {}).get("Idempotency-Key")
    if isinstance(key, str) and 1 <= len(key) <= 200:
        headers["Idempotency-Key"] = f"{key}-{uuid.uuid4()}"
    return headers


# The fuzzer's own API key, tenant and signing key (the viewer token's): revoking, suspending or
# deleting them would turn every later request into a 401.
KEEP = set(filter(None, os.environ.get("REEL_FUZZ_KEEP_IDS", "").split(",")))


@schemathesis.hook
def before_call(context, case, kwargs):
    """Points a call at the fuzzer's own credentials (often the stateful phase's) elsewhere."""
    for name, value in (case.path_parameters or {}).items():
        if value in KEEP:
            case.path_parameters[name] = str(uuid.uuid4())
