#!/usr/bin/env bash
# Runs this checkout's test/adversarial/ suite against another revision of the product:
#   scripts/adversarial-at.sh REV [test files or name filters...]
# It checks REV out into a temporary worktree, copies in this checkout's test/adversarial/ and the
# test helpers it names (so the attack is the same, only the product differs), builds what the tests
# need, and runs them there. On a revision before the fixes (e.g. e54370e) each test should FAIL:
# that is the proof it reproduces the attack. Exit code: vitest's.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rev="${1:?usage: scripts/adversarial-at.sh REV [tests...]}"
shift
target="$(mktemp -d "${TMPDIR:-/tmp}/adversarial-at.XXXXXX")"
cleanup() { git -C "$here" worktree remove --force "$target" >/dev/null 2>&1 || rm -rf "$target"; }
trap cleanup EXIT

git -C "$here" worktree add --detach -q "$target" "$rev"
ln -s "$here/node_modules" "$target/node_modules"
mkdir -p "$target/test/adversarial"
cp -R "$here/test/adversarial/." "$target/test/adversarial/"
# The suite runs under this checkout's vitest projects (older revisions did not list the folder).
cp "$here/vitest.config.ts" "$target/vitest.config.ts"
# Tests that start `serve` or the CLI need the built app of REV, not this checkout's.
if grep -rqE "serve-process|bin/infiniroute|out/" "$target/test/adversarial" 2>/dev/null; then
  (cd "$target" && npx electron-vite build >/dev/null)
fi
echo "== test/adversarial of $(git -C "$here" rev-parse --short HEAD) against $(git -C "$target" rev-parse --short HEAD)"
cd "$target"
set +e
npx vitest run --project node "${@:-test/adversarial}"
status=$?
set -e
echo "== exit $status against $rev"
exit $status
