#!/usr/bin/env bash
# Usage: scripts/same-bytes.sh [REF] — a refactoring changes no output byte: builds REF (default: where this branch left main) and the working tree, runs a small study of every shipped scenario at two seeds with each, and compares summary.json, replications.csv, bands.csv, annual-cash-flows.csv and the report drawn with them (every other file but manifest.json and the folder's state/). A scenario new in the working tree is listed, not compared.
#
# Besides scenarios/*.yaml it runs scripts/same-bytes/*.yaml (the working tree's, in both builds):
# scenarios written to reach what the shipped ones leave out. Each build gets a copy of its own tree (the working tree's copy includes uncommitted and untracked
# files) in a temporary folder, so the checkout's dist/ and out/ are left alone. Environment:
# SEEDS (default "1 7"), REPLICATIONS (default 8; at least 2, so the study writes its bands),
# KEEP=1 to keep the temporary folder for a look at what differs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
ref=${1:-$(git merge-base HEAD main)}
seeds=${SEEDS:-"1 7"}
replications=${REPLICATIONS:-8}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/same-bytes.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$tmp"' EXIT

build() { # build <folder>: compile the copied tree against this checkout's node_modules
  ln -s "$root/node_modules" "$1/node_modules"
  (cd "$1" && node_modules/.bin/tsc -p tsconfig.build.json)
}

mkdir -p "$tmp/ref" "$tmp/work"
git archive "$ref" | tar -x -C "$tmp/ref"
git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} find {} -maxdepth 0 -type f -print0 2>/dev/null | tar --null -T - -c | tar -x -C "$tmp/work"
mkdir -p "$tmp/ref/scripts/same-bytes" && cp scripts/same-bytes/*.yaml "$tmp/ref/scripts/same-bytes/"
echo "same-bytes: reference $(git rev-parse --short "$ref") against the working tree; seeds $seeds, $replications replications"
build "$tmp/ref" & build "$tmp/work" & wait

studies() { # studies <folder>: every shipped scenario of that tree at every seed, one worker
  for file in scenarios/*.yaml scripts/same-bytes/*.yaml; do
    [ -f "$1/$file" ] || continue # a scenario new in the working tree has nothing to compare with
    for seed in $seeds; do
      (cd "$1" && node dist/sim/cli/main.js study "$file" --replications "$replications" --seed "$seed" \
        --workers 1 --quiet --out "out/$(basename "$file" .yaml)-$seed" > /dev/null)
    done
  done
}
studies "$tmp/ref" & ref_job=$!
studies "$tmp/work" & work_job=$!
# Both, whatever the first gives: the folder is removed on exit, under a job still running.
ref_status=0; work_status=0
wait $ref_job || ref_status=$?
wait $work_job || work_status=$?
[ $ref_status = 0 ] && [ $work_status = 0 ] || { echo "same-bytes: a study failed (reference $ref_status, working tree $work_status)"; exit 1; }

unmanifest() { # unmanifest <report.html>: the page without its run manifest
  perl -0pe 's{<details><summary>Run manifest.*?</details>}{}s' "$1"
}
status=0
for dir in "$tmp"/work/out/*/; do
  name=$(basename "$dir")
  if [ ! -d "$tmp/ref/out/$name" ]; then echo "  $name: new in the working tree, not compared"; continue; fi
  for f in summary.json replications.csv bands.csv annual-cash-flows.csv; do
    if [ ! -f "$tmp/ref/out/$name/$f" ]; then echo "  $name/$f: missing in the reference"; status=1
    elif cmp -s "$tmp/ref/out/$name/$f" "$dir/$f"; then echo "  $name/$f: same"
    else echo "  $name/$f: DIFFERS"; status=1
    fi
  done
  # The report drawn with the study (charts, report.html, results.xlsx): every file but the manifest,
  # which records when and how it ran — and so report.html is compared without the copy it shows.
  # The folder's state/ (checkpoints in the tool's own format, which a version may change) is not output.
  report=$(cd "$dir" && find . -type f ! -path './state/*' ! -name manifest.json ! -name summary.json ! -name replications.csv ! -name bands.csv ! -name annual-cash-flows.csv | sort)
  differ=$(for f in $report; do
    if [ "$f" = ./report.html ]; then cmp -s <(unmanifest "$tmp/ref/out/$name/$f") <(unmanifest "$dir/$f") || echo report.html
    else cmp -s "$tmp/ref/out/$name/$f" "$dir/$f" || echo "${f#./}"
    fi
  done)
  if [ -z "$differ" ]; then echo "  $name/report ($(echo "$report" | grep -c .) files): same"
  else echo "  $name/report: DIFFERS in $(echo $differ)"; status=1
  fi
done
for dir in "$tmp"/ref/out/*/; do # a scenario the working tree no longer ships is a change of output
  [ -d "$tmp/work/out/$(basename "$dir")" ] || { echo "  $(basename "$dir"): gone from the working tree"; status=1; }
done
[ "${KEEP:-0}" = 1 ] && echo "kept $tmp"
if [ $status = 0 ]; then echo "same-bytes: identical"; else echo "same-bytes: outputs differ"; fi
exit $status
