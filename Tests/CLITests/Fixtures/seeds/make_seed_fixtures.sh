#!/usr/bin/env bash
# The outputs of seeded runs as the previous round's binary (commit 223bfac) printed
# them: SeedBytesTests checks that every seed keeps its bytes. Usage:
#   make_seed_fixtures.sh PATH/TO/meanfield-built-at-223bfac
# (git worktree add /tmp/base 223bfac && cd /tmp/base && swift build -c release --product meanfield)
set -euo pipefail
bin=$1
cd "$(dirname "$0")"
while IFS='|' read -r name args; do
    [ -z "$name" ] && continue
    # shellcheck disable=SC2086
    "$bin" $args > "$name.out"
done < commands.txt
