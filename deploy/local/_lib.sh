# shellcheck shell=bash
# Shared helpers for the deploy/local/*.sh provisioning scripts. Source it, don't run it.
#
# Conventions: every diagnostic goes to stderr so a script's stdout carries only its
# result (a URL, a path), e.g. `url=$(deploy/local/timescaledb.sh start)`.

: "${ANJU_LOG_TAG:=$(basename "$0")}"
export DEBIAN_FRONTEND=noninteractive

log() { printf '[%s] %s\n' "$ANJU_LOG_TAG" "$*" >&2; }

die() {
    printf '[%s] ERROR: %s\n' "$ANJU_LOG_TAG" "$*" >&2
    exit 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# $1: what needs root (for the message).
require_root() {
    is_root || die "$1 needs root (apt-get / system-wide install). Re-run as root or with sudo."
}

# Installed (not just known/removed) according to dpkg?
pkg_installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

_anju_policy_backup=""

_anju_policy_restore() {
    if [ -n "$_anju_policy_backup" ]; then
        mv -f "$_anju_policy_backup" /usr/sbin/policy-rc.d
        _anju_policy_backup=""
    else
        rm -f /usr/sbin/policy-rc.d
    fi
}

# Run "$@" with an /usr/sbin/policy-rc.d that answers 101 ("action forbidden"), so
# maintainer scripts (invoke-rc.d / deb-systemd-invoke) start no services: the project
# starts its own instances on free ports. Any pre-existing policy-rc.d is restored.
without_service_starts() {
    local rc=0
    if [ -e /usr/sbin/policy-rc.d ]; then
        _anju_policy_backup=$(mktemp /usr/sbin/.policy-rc.d.anju.XXXXXX)
        cp -p /usr/sbin/policy-rc.d "$_anju_policy_backup"
    fi
    # Restore even if we are interrupted mid-install.
    trap '_anju_policy_restore; exit 130' INT TERM
    trap '_anju_policy_restore' EXIT
    printf '#!/bin/sh\n# Temporary (deploy/local): start no services during package installs.\nexit 101\n' \
        >/usr/sbin/policy-rc.d
    chmod 0755 /usr/sbin/policy-rc.d
    "$@" || rc=$?
    _anju_policy_restore
    trap - INT TERM EXIT
    return "$rc"
}

_anju_apt_updated=0

# apt-get update at most once per script run.
apt_update() {
    [ "$_anju_apt_updated" -eq 1 ] && return 0
    log "apt-get update"
    apt-get -o DPkg::Lock::Timeout=600 update -q >&2 ||
        die "apt-get update failed"
    _anju_apt_updated=1
}

# apt_install PKG...: install Debian packages without recommends and without starting
# services. Tries the existing package index first (no needless apt-get update); only if
# that fails (no/stale index) refreshes it once and retries.
apt_install() {
    require_root "Installing $*"
    local -a cmd=(apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "$@")
    log "apt-get install $*"
    if ! without_service_starts "${cmd[@]}" >&2; then
        [ "$_anju_apt_updated" -eq 1 ] && die "apt-get install $* failed"
        log "install failed, refreshing the package index and retrying"
        apt_update
        without_service_starts "${cmd[@]}" >&2 ||
            die "apt-get install $* failed"
    fi
}

# ensure_pkgs PKG...: apt_install only those that are not installed yet.
ensure_pkgs() {
    local p
    local -a missing=()
    for p in "$@"; do
        pkg_installed "$p" || missing+=("$p")
    done
    [ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"
}
