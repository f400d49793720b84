#!/usr/bin/env bash
# Installs everything the demo and the tests need on a fresh Debian machine:
# system packages (chromium, ffmpeg, GStreamer, redis-server, fonts) and npm packages.
# Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
# GStreamer, the second packager of the test media (hlssink2 MPEG-TS, x264enc, avenc_aac).
gst_has() { command -v gst-inspect-1.0 >/dev/null 2>&1 && gst-inspect-1.0 "$1" >/dev/null 2>&1; }
command -v gst-launch-1.0 >/dev/null 2>&1 || need+=(gstreamer1.0-tools)
gst_has videotestsrc || need+=(gstreamer1.0-plugins-base)
gst_has splitmuxsink || need+=(gstreamer1.0-plugins-good)
gst_has hlssink2 || need+=(gstreamer1.0-plugins-bad)
gst_has x264enc || need+=(gstreamer1.0-plugins-ugly)
gst_has avenc_aac || need+=(gstreamer1.0-libav)
if [ ${#need[@]} -gt 0 ]; then
  echo "[setup] installing system packages: ${need[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm ci only when node_modules is missing or older than the lockfile.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
