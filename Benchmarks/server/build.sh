#!/usr/bin/env bash
# Builds a release `zhiku` that has the `serve` subcommand into Benchmarks/work/server/bin/,
# from the committed tree (HEAD). If Zhiku.swift does not list ServeCommand yet, the copy is
# patched (the repository is not touched).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work="$repo/Benchmarks/work/server"
src="$work/src"
rm -rf "$src"
mkdir -p "$src" "$work/bin" "$work/build"
git -C "$repo" archive HEAD | tar -x -C "$src"
cp "$repo/Package.resolved" "$src/" 2>/dev/null || true
if ! grep -q "ServeCommand.self" "$src/Sources/zhiku/Zhiku.swift"; then
    sed -i 's/subcommands: \[/subcommands: [ServeCommand.self, /' "$src/Sources/zhiku/Zhiku.swift"
fi
# Reuse dependency checkouts of a debug build, if any, to avoid fetching.
for d in "$repo"/.build-server "$repo"/.build; do
    if [ -d "$d/checkouts" ] && [ ! -d "$work/build/checkouts" ]; then
        cp -r "$d/checkouts" "$d/repositories" "$work/build/" 2>/dev/null || true
        [ -f "$d/workspace-state.json" ] && cp "$d/workspace-state.json" "$work/build/"
    fi
done
swift build -c release --product zhiku --package-path "$src" --scratch-path "$work/build"
cp "$work/build/release/zhiku" "$work/bin/zhiku"
echo "$work/bin/zhiku"
