#!/usr/bin/env bash
# Makes TorchSharp's libLibTorchSharp.so load on a libstdc++ older than GCC 13 (Debian 12).
# Run by the build on the copy in a project's output folder; a no-op where libstdc++ is new enough.
# Usage: apply.sh OUTPUT_DIR INTERMEDIATE_DIR
set -euo pipefail
out="$1"; obj="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lib="$out/libLibTorchSharp.so"
version=GLIBCXX_3.4.32
symbol=_ZSt21ios_base_library_initv
shim=libqslm_iosinit.so

[ -f "$lib" ] || exit 0
libstdcxx="$(g++ -print-file-name=libstdc++.so.6 2>/dev/null || true)"
for candidate in "$libstdcxx" /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /lib64/libstdc++.so.6; do
  if [ -f "$candidate" ]; then libstdcxx="$candidate"; break; fi
done
if grep -q "$version" "$libstdcxx" 2>/dev/null; then
  exit 0  # libstdc++ already provides GCC 13's symbols
fi
if readelf -d "$lib" | grep -q "\[$shim\]"; then
  exit 0  # already patched
fi

mkdir -p "$obj"
if [ ! -f "$obj/$shim" ] || [ "$here/iosinit.cpp" -nt "$obj/$shim" ]; then
  g++ -shared -fPIC -O2 -o "$obj/$shim" "$here/iosinit.cpp"
fi
cp "$obj/$shim" "$out/$shim"

if ! command -v patchelf >/dev/null 2>&1; then
  echo "torchsharp-native-fix: installing patchelf (Debian package) to add the shim to libLibTorchSharp.so" >&2
  if [ "$(id -u)" = 0 ]; then sudo_cmd=""; else sudo_cmd="sudo -n"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get install -y -qq patchelf >/dev/null 2>&1 \
    || { $sudo_cmd apt-get update -qq >/dev/null && $sudo_cmd apt-get install -y -qq patchelf >/dev/null; } \
    || { echo "torchsharp-native-fix: error: patchelf is missing and could not be installed (apt-get install patchelf)" >&2; exit 1; }
fi

tmp="$lib.patching"
cp "$lib" "$tmp"
patchelf --add-needed "$shim" "$tmp"
python3 "$here/mark_weak.py" "$tmp" "$version" "$symbol" >/dev/null
mv "$tmp" "$lib"
echo "torchsharp-native-fix: patched $lib for libstdc++ without $version"
