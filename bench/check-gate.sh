#!/usr/bin/env bash
# Checks the benchmark gate on this machine, as docs/benchmarks.md records: the commit checked out, in a
# worktree of its own, against itself must pass; the same commit with the engine's heap work done
# twice per event (bench/slow-engine.ts) must fail. Prints both verdicts; exit 0 when both are as
# expected, 1 when not. Takes two quick gates (several minutes).
set -uo pipefail
cd "$(dirname "$0")/.."
npm run build --silent || exit 2
tmp=$(mktemp -d)
trap 'git worktree remove --force "$tmp/tree" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
git worktree add --detach --quiet "$tmp/tree" HEAD || exit 2
ln -s "$PWD/node_modules" "$tmp/tree/node_modules"

gate() { (cd "$tmp/tree" && npm run bench --silent -- --quick --check --against HEAD 2>&1 | tee "$tmp/$1.log" | grep -E '^(bench gate|[a-z]+\.[a-z0-9.-]+ +[0-9])'); }

echo "== unchanged: HEAD against itself (must pass) =="
gate unchanged
grep -q '^bench gate: passed' "$tmp/unchanged.log"; unchanged=$?

echo "== slowed: the engine's heap work done twice per event, against HEAD (must fail) =="
node dist/bench/slow-engine.js "$tmp/tree/sim/core/engine.ts" || exit 2
gate slowed
grep -q '^bench gate: FAILED' "$tmp/slowed.log"; slowed=$?

echo
[ "$unchanged" -eq 0 ] && echo "unchanged commit: passed, as it must" || echo "unchanged commit: did NOT pass"
[ "$slowed" -eq 0 ] && echo "slowed engine: failed, as it must" || echo "slowed engine: did NOT fail"
[ "$unchanged" -eq 0 ] && [ "$slowed" -eq 0 ]
