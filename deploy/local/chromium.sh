#!/usr/bin/env bash
# Make sure Debian's Chromium is installed (headless browser for UI tests), with a CJK font
# (fonts-wqy-zenhei) so that the screenshots show Chinese, not boxes.
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
# A CJK font from Debian (9 MB; fonts-noto-cjk would do too, at ten times the size); the
# dashboards' font stack names it ("WenQuanYi Zen Hei").
CJK_FONT=fonts-wqy-zenhei

usage() {
    cat >&2 <<EOF
Usage: $0 [ensure]

  ensure   (default) install Debian's 'chromium' package if $CHROMIUM is
           missing, and '$CJK_FONT' (needs root then); print the browser's
           path on stdout
EOF
}

cmd_ensure() {
    if [ ! -x "$CHROMIUM" ]; then
        apt_install chromium
        [ -x "$CHROMIUM" ] || die "package 'chromium' installed but $CHROMIUM is missing"
    fi
    if ! pkg_installed "$CJK_FONT"; then
        if [ "$(id -u)" -eq 0 ]; then
            apt_install "$CJK_FONT"
        else
            # The tests still run; only their screenshots show boxes for Chinese.
            log "warning: $CJK_FONT is not installed and this is not root: Chinese shows as boxes in screenshots"
        fi
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
