#!/usr/bin/env bash
# System packages the integration tests use: a Virtuoso server (remote-store tests), Chromium
# (browser tests) and rapper (an independent RDF parser for the dumps). Installed with apt when we are root and apt exists; otherwise the tests that need
# them skip with a reason. Never fails the build by itself: a missing package is reported, not fatal.
set -u
need=()
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rapper >/dev/null 2>&1 || need+=(raptor2-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: cannot install ${need[*]} (not root or no apt); tests needing them will skip" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || echo "system-deps: apt-get update failed" >&2
if ! apt-get install -y -qq --no-install-recommends "${need[@]}" >/tmp/boamp-kg-apt.log 2>&1; then
  echo "system-deps: apt-get install ${need[*]} failed (see /tmp/boamp-kg-apt.log); tests needing them will skip" >&2
fi
exit 0
