#!/usr/bin/env bash
# The README's table of link keys must be exactly what the field table generates
# (`nnp_run --print-fields`), between the markers <!-- fields:begin --> and <!-- fields:end -->.
# On a mismatch it prints the diff and how to regenerate the table.
set -u
run=$1 readme=$2
expected=$("$run" --print-fields) || { echo "readme_fields_test: nnp_run --print-fields failed" >&2; exit 1; }
actual=$(sed -n '/<!-- fields:begin -->/,/<!-- fields:end -->/p' "$readme" | sed '1d;$d')
if [ -z "$actual" ]; then
  echo "readme_fields_test: README.md has no <!-- fields:begin --> ... <!-- fields:end --> table" >&2
  exit 1
fi
if [ "$expected" != "$actual" ]; then
  echo "readme_fields_test: README.md's key table differs from the field table:" >&2
  diff <(printf '%s\n' "$actual") <(printf '%s\n' "$expected") >&2
  echo "regenerate it with: build/native/nnp_run --print-fields" >&2
  exit 1
fi
echo "readme_fields_test: the README's key table matches the field table ($(printf '%s\n' "$expected" | wc -l) lines)"
