#!/usr/bin/env bash
# A real search with accuracy: supernet and final: on the 8-class synthetic fidelity set at 96 px
# (bench/supernet/search-c8-96.template.yaml), reusing a supernet trained by bench/supernet-fidelity.sh.
# Usage: bench/supernet-search.sh SUPERNET.bin
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
supernet="$(realpath "${1:?usage: bench/supernet-search.sh SUPERNET.bin}")"
data="${XDG_CACHE_HOME:-$HOME/.cache}/edgenas/datasets/synthetic-g1-c8-t1024-v256-s160-seed0/data.yaml"
[ -f "$data" ] || { echo "supernet-search: $data is missing; bench/supernet-fidelity.sh makes it" >&2; exit 2; }
mkdir -p target
sed -e "s#@DATASET@#$data#" -e "s#@SUPERNET@#$supernet#" bench/supernet/search-c8-96.template.yaml > target/search-c8-96.yaml
exec ./edgenas search target/search-c8-96.yaml
