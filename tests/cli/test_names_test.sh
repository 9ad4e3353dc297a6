#!/usr/bin/env bash
# Catch2 test names must not hold ';': catch_discover_tests splits a name there, and CTest then
# runs two halves that match no test (both fail). Lists every offending TEST_CASE.
set -u
root=$1
bad=$(grep -rnE 'TEST_CASE\("[^"]*;' "$root/tests" --include='*.cpp' || true)
if [ -n "$bad" ]; then
  echo "test names with ';' (CTest splits them):" >&2
  echo "$bad" >&2
  exit 1
fi
echo "test_names: ok"
