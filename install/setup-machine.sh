#!/usr/bin/env bash
# Installs the Debian packages Sealbook builds, runs and tests with; installs only what is missing.
set -euo pipefail

PACKAGES=(
    openjdk-17-jdk-headless maven
    jupyter-client jupyter-nbconvert jupyter-console
    python3-jupyter-kernel-test python3-pytest python3-ipykernel
    # The HTML report's test opens it in headless Chromium (skipped, not failed, where it is missing).
    chromium
)

die() {
    echo "setup-machine.sh: $*" >&2
    exit 1
}

command -v dpkg-query >/dev/null 2>&1 \
    || die "This script needs a Debian or Ubuntu machine (no dpkg-query found); install these by hand: ${PACKAGES[*]}."

missing=()
for p in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "setup-machine: all ${#PACKAGES[@]} packages are already installed."
    exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 \
        || die "Missing packages (${missing[*]}) need root to install, and sudo is not available; run this script as root."
    sudo=(sudo)
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
# One update before installing, so a fresh machine's empty package lists do not fail the install.
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$log" 2>&1 \
    || { cat "$log" >&2; die "apt-get update failed (output above); check the network and /etc/apt/sources.list, then run again."; }
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$log" 2>&1 \
    || { cat "$log" >&2; die "apt-get install of ${missing[*]} failed (output above); fix the cause shown there, then run again."; }
echo "setup-machine: installed ${missing[*]}; all ${#PACKAGES[@]} packages are present."
