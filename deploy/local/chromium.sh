#!/usr/bin/env bash
# Make sure Debian's Chromium is installed (headless browser for UI tests).
#
#   chrome=$(deploy/local/chromium.sh ensure)   # only the path goes to stdout
#
# Debian's package, not a downloaded browser build: machines here reach only the
# package registries.
set -Eeuo pipefail

ANJU_LOG_TAG=chromium.sh
# shellcheck source-path=SCRIPTDIR source=_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"

CHROMIUM=/usr/bin/chromium

usage() {
    cat >&2 <<EOF
Usage: $0 [ensure]

  ensure   (default) install Debian's 'chromium' package if $CHROMIUM is
           missing (needs root then); print the browser's path on stdout
EOF
}

cmd_ensure() {
    if [ ! -x "$CHROMIUM" ]; then
        apt_install chromium
        [ -x "$CHROMIUM" ] || die "package 'chromium' installed but $CHROMIUM is missing"
    fi
    # A browser that cannot even print its version is no use to the tests: fail here.
    local version
    version=$("$CHROMIUM" --version 2>/dev/null) || die "$CHROMIUM --version failed"
    log "$version"
    printf '%s\n' "$CHROMIUM"
}

case "${1:-ensure}" in
ensure) cmd_ensure ;;
-h | --help | help) usage ;;
*) usage; die "unknown or missing subcommand: '${1:-}'" ;;
esac
