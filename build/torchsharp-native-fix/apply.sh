#!/usr/bin/env bash
# Makes TorchSharp's libLibTorchSharp.so load on a libstdc++ older than GCC 13 (Debian 12).
# Run by the build (Directory.Build.targets) before it copies the package's native files: it writes a
# patched copy of the NuGet library, and the shim it needs, into the project's intermediate folder;
# the build then copies those instead of the package's file. The output folder's copy is therefore
# written once, by MSBuild's own incremental copy, and never rewritten in place by an incremental
# build, so a program started from it while another build runs never sees an unpatched library.
# Usage: apply.sh SOURCE_LIBRARY INTERMEDIATE_DIR
# Leaves INTERMEDIATE_DIR/libLibTorchSharp.so and INTERMEDIATE_DIR/libqslm_iosinit.so when a patch is
# needed, and neither when libstdc++ is new enough. Safe to run concurrently: every file it leaves is
# written under a private name and renamed into place.
set -euo pipefail
source_lib="$1"; obj="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version=GLIBCXX_3.4.32
symbol=_ZSt21ios_base_library_initv
shim=libqslm_iosinit.so
patched="$obj/libLibTorchSharp.so"

[ -f "$source_lib" ] || { echo "torchsharp-native-fix: error: $source_lib not found" >&2; exit 1; }
libstdcxx="$(g++ -print-file-name=libstdc++.so.6 2>/dev/null || true)"
for candidate in "$libstdcxx" /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /lib64/libstdc++.so.6; do
  if [ -f "$candidate" ]; then libstdcxx="$candidate"; break; fi
done
if grep -q "$version" "$libstdcxx" 2>/dev/null; then
  rm -f "$patched" "$obj/$shim"  # libstdc++ already provides GCC 13's symbols: the package's file is used
  exit 0
fi

# Up to date: both outputs newer than the package's library and than every file of this fix.
up_to_date=1
for output in "$patched" "$obj/$shim"; do
  [ -f "$output" ] || { up_to_date=0; break; }
  for input in "$source_lib" "$here/apply.sh" "$here/iosinit.cpp" "$here/mark_weak.py"; do
    [ "$output" -nt "$input" ] || { up_to_date=0; break 2; }
  done
done
[ "$up_to_date" = 1 ] && exit 0

mkdir -p "$obj"
private=".$$.$RANDOM"
g++ -shared -fPIC -O2 -o "$obj/$shim$private" "$here/iosinit.cpp"
mv -f "$obj/$shim$private" "$obj/$shim"

if ! command -v patchelf >/dev/null 2>&1; then
  echo "torchsharp-native-fix: installing patchelf (Debian package) to add the shim to libLibTorchSharp.so" >&2
  if [ "$(id -u)" = 0 ]; then sudo_cmd=""; else sudo_cmd="sudo -n"; fi
  export DEBIAN_FRONTEND=noninteractive
  apt_wait=(-o DPkg::Lock::Timeout=600)
  $sudo_cmd apt-get install "${apt_wait[@]}" -y -qq patchelf >/dev/null 2>&1 \
    || { $sudo_cmd apt-get update "${apt_wait[@]}" -qq >/dev/null && $sudo_cmd apt-get install "${apt_wait[@]}" -y -qq patchelf >/dev/null; } \
    || { echo "torchsharp-native-fix: error: patchelf is missing and could not be installed (apt-get install patchelf)" >&2; exit 1; }
fi

tmp="$patched$private"
cp "$source_lib" "$tmp"
patchelf --add-needed "$shim" "$tmp"
python3 "$here/mark_weak.py" "$tmp" "$version" "$symbol" >/dev/null
mv -f "$tmp" "$patched"
echo "torchsharp-native-fix: patched a copy of $source_lib for libstdc++ without $version"
