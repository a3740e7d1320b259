#!/bin/bash
# Indexing time of two zhiku binaries on one corpus, interleaved (A, B, A, B, …) so that a shared,
# noisy machine loads both alike: each run into a new index, /usr/bin/time's wall, user CPU and
# peak RSS per run, then the medians and B's ratios to A.
# usage: Benchmarks/index_ab.sh CORPUS RUNS BIN_A BIN_B
#   e.g. Benchmarks/index_ab.sh ../shared/corpora/gov-reports 7 /tmp/zhiku-before .build/release/zhiku
corpus=$1; runs=$2; a=$3; b=$4
out=/tmp/interleave.$$; : > $out
for i in $(seq 1 $runs); do
  for bin in $a $b; do
    d=$(mktemp -d /tmp/ilv.XXXX)
    /usr/bin/time -f "$bin %e %U %M" -o $d/t $bin index $corpus --index $d/idx -q >/dev/null 2>$d/err
    cat $d/t | tee -a $out
    rm -rf $d
  done
done
python3 - $out <<'PY'
import sys,statistics,collections
r=collections.defaultdict(list)
for l in open(sys.argv[1]):
    b,e,u,m=l.split(); r[b].append((float(e),float(u),int(m)))
bs=list(r)
for b in bs:
    v=r[b]; print(f"{b}: wall median {statistics.median(x[0] for x in v):.2f} s, user {statistics.median(x[1] for x in v):.2f} s, rss {statistics.median(x[2] for x in v)/1024:.0f} MB (n={len(v)})")
if len(bs)==2:
    A,B=r[bs[0]],r[bs[1]]
    print(f"ratio B/A wall {statistics.median(x[0] for x in B)/statistics.median(x[0] for x in A):.3f}, user {statistics.median(x[1] for x in B)/statistics.median(x[1] for x in A):.3f}")
PY
