#!/usr/bin/env bash
# Make sure Debian's Mosquitto broker and clients are installed, WITHOUT a system broker
# running: the project starts its own brokers on free ports, and a system one would sit
# on 1883.
#
#   broker=$(deploy/local/mosquitto.sh ensure)   # only the broker path goes to stdout
set -Eeuo pipefail

ANJU_LOG_TAG=mosquitto.sh
# shellcheck source-path=SCRIPTDIR source=_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"

MOSQUITTO=/usr/sbin/mosquitto # not on a non-root PATH, hence the printed path
MOSQUITTO_PUB=/usr/bin/mosquitto_pub
MOSQUITTO_SUB=/usr/bin/mosquitto_sub

usage() {
    cat >&2 <<EOF
Usage: $0 [ensure]

  ensure   (default) install Debian's 'mosquitto' and 'mosquitto-clients' if missing
           (needs root then) without starting the system broker; print the broker's
           path on stdout
EOF
}

# Stop and disable the packaged service. Only called right after we installed it; a
# broker that an admin set up on purpose is left alone.
disable_system_broker() {
    local pid
    if [ -d /run/systemd/system ]; then
        systemctl disable --now mosquitto.service >&2 || die "could not stop/disable mosquitto.service"
    else
        # No systemd as PID 1 (containers): sysvinit script links and a pid file at most.
        if command -v update-rc.d >/dev/null && [ -e /etc/init.d/mosquitto ]; then
            update-rc.d mosquitto disable >&2 2>/dev/null || log "note: update-rc.d mosquitto disable failed"
        fi
        # Also drop the systemd unit link in case this machine boots with systemd later
        # (update-rc.d usually does this already; systemctl works offline for this).
        if command -v systemctl >/dev/null &&
            [ -e /etc/systemd/system/multi-user.target.wants/mosquitto.service ]; then
            systemctl disable mosquitto.service >&2 2>/dev/null || log "note: systemctl disable mosquitto failed"
        fi
        if [ -f /run/mosquitto/mosquitto.pid ]; then
            pid=$(cat /run/mosquitto/mosquitto.pid)
            if [[ "$pid" =~ ^[0-9]+$ ]] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = mosquitto ]; then
                log "stopping the system mosquitto (pid $pid) started by the package"
                kill "$pid"
            fi
        fi
    fi
}

cmd_ensure() {
    if [ ! -x "$MOSQUITTO" ] || [ ! -x "$MOSQUITTO_PUB" ] || [ ! -x "$MOSQUITTO_SUB" ]; then
        apt_install mosquitto mosquitto-clients # policy-rc.d: postinst starts nothing
        disable_system_broker
    fi
    [ -x "$MOSQUITTO" ] || die "$MOSQUITTO missing after install"
    [ -x "$MOSQUITTO_PUB" ] || die "$MOSQUITTO_PUB missing after install"
    local version
    version=$("$MOSQUITTO" -h 2>&1 | head -n 1) || true
    [[ "$version" == mosquitto* ]] || die "$MOSQUITTO -h does not run: $version"
    log "$version; clients: $MOSQUITTO_PUB $MOSQUITTO_SUB"
    printf '%s\n' "$MOSQUITTO"
}

case "${1:-ensure}" in
ensure) cmd_ensure ;;
-h | --help | help) usage ;;
*) usage; die "unknown or missing subcommand: '${1:-}'" ;;
esac
