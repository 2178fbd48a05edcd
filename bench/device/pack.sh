#!/usr/bin/env bash
# Packs what the fidelity benchmark needs on a lent device machine (bare x86-64 Linux, no Java, no zstd)
# into .devbundle/ (ignored by git; add "/.devbundle/" to .git/info/exclude): a jlinked JDK 25, the test
# classpath (PyTorch's native jar stripped: its natives travel extracted; ONNX Runtime's jar reduced to
# linux-x64), DJL's extracted PyTorch natives, the compiled classes, a zstd binary, and the whole as
# zstd parts of <= 52 MB (a call carries at most 64 MiB). See bench/device/README.md for the calls.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
J="$(bin/find-jdk25)"
cp_file=target/bench-test-classpath.txt
./mvn25 -o -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
djl="${DJL_CACHE_DIR:-$HOME/.cache/edgenas/djl}"
[ -d "$djl/pytorch" ] || { echo "no extracted PyTorch natives under $djl/pytorch: run any training once first" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$J/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.zipfs,jdk.crypto.ec,jdk.management --strip-debug --no-man-pages \
  --no-header-files --output "$work/jdk"
mkdir -p "$work/jars" "$work/djl"
for j in $(tr ':' '\n' < "$cp_file"); do
  case "$j" in
    *pytorch-native-cpu*) cp "$j" "$work/jars/ptn.jar"; zip -q -d "$work/jars/ptn.jar" 'pytorch/cpu/linux-x86_64/*' ;;
    *onnxruntime-*.jar) cp "$j" "$work/jars/ort.jar"; zip -q -d "$work/jars/ort.jar" 'ai/onnxruntime/native/linux-aarch64/*' \
      'ai/onnxruntime/native/osx*' 'ai/onnxruntime/native/win*' || true ;;
    *) cp "$j" "$work/jars/" ;;
  esac
done
cp -r "$djl/pytorch" "$work/djl/"
rm -rf .devbundle && mkdir -p .devbundle/classes
(cd "$work" && tar -cf - jdk jars djl) | zstd -9 -T0 -q | split -b 52000000 -d -a 1 - .devbundle/p
cp -r target/classes target/test-classes .devbundle/classes/
cp "$(command -v zstd)" bench/device/sweep.sh .devbundle/
ls -la .devbundle
