#!/usr/bin/env bash
# Builds a release `zhiku` that has the `serve` subcommand into Benchmarks/work/server/bin/,
# from the committed tree (HEAD). If Zhiku.swift does not list ServeCommand yet, the copy is
# patched (the repository is not touched).
#
#     Benchmarks/server/build.sh            # HEAD as committed
#     Benchmarks/server/build.sh --server   # HEAD plus the working tree's server files
#                                           # (Sources/ZhikuServer, ServeCommand.swift): for iterating
#
# Only files whose content changed are copied over the previous copy, so rebuilds are incremental.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work="$repo/Benchmarks/work/server"
src="$work/src"
fresh="$work/src.new"
rm -rf "$fresh"
mkdir -p "$src" "$fresh" "$work/bin" "$work/build"
git -C "$repo" archive HEAD | tar -x -C "$fresh"
if [ "${1:-}" = "--server" ]; then
    rm -rf "$fresh/Sources/ZhikuServer"
    cp -r "$repo/Sources/ZhikuServer" "$fresh/Sources/ZhikuServer"
    cp "$repo/Sources/zhiku/ServeCommand.swift" "$fresh/Sources/zhiku/ServeCommand.swift"
fi
cp "$repo/Package.resolved" "$fresh/" 2>/dev/null || true
if ! grep -q "ServeCommand.self" "$fresh/Sources/zhiku/Zhiku.swift"; then
    sed -i 's/subcommands: \[/subcommands: [ServeCommand.self, /' "$fresh/Sources/zhiku/Zhiku.swift"
fi
# Sync fresh → src: copy changed files only (keeps mtimes of the others), drop removed ones.
(cd "$fresh" && find . -type f) | while read -r f; do
    if ! cmp -s "$fresh/$f" "$src/$f"; then mkdir -p "$(dirname "$src/$f")"; cp "$fresh/$f" "$src/$f"; fi
done
(cd "$src" && find . -type f) | while read -r f; do [ -e "$fresh/$f" ] || rm -f "$src/$f"; done
rm -rf "$fresh"
# Reuse dependency checkouts of a debug build, if any, to avoid fetching.
for d in "$repo"/.build-server "$repo"/.build; do
    if [ -d "$d/checkouts" ] && [ ! -d "$work/build/checkouts" ]; then
        cp -r "$d/checkouts" "$d/repositories" "$work/build/" 2>/dev/null || true
        [ -f "$d/workspace-state.json" ] && cp "$d/workspace-state.json" "$work/build/"
    fi
done
swift build -c release --product zhiku --package-path "$src" --scratch-path "$work/build"
cp "$work/build/release/zhiku" "$work/bin/zhiku.new" && mv -f "$work/bin/zhiku.new" "$work/bin/zhiku"  # works while one runs
echo "$work/bin/zhiku"
