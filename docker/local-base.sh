#!/usr/bin/env bash
# Builds, for machines that cannot pull mcr.microsoft.com or Docker Hub, the base images the Dockerfile and
# docker/compose.yaml need, from Debian packages (debootstrap) and this machine's own .NET install:
#   localhost/dotnet-sdk:10.0     the SDK and runtimes (Dockerfile's SDK_IMAGE)
#   localhost/dotnet-aspnet:10.0  the runtimes only, with the non-root user "app" (Dockerfile's RUNTIME_IMAGE)
#   localhost/postgres:15         Debian's PostgreSQL behind the official image's POSTGRES_* variables (POSTGRES_IMAGE)
# An image is rebuilt only when its inputs changed: each carries the hash of what it was built from.
# Usage: docker/local-base.sh   (root, with podman and debootstrap installed)
set -euo pipefail
cd "$(dirname "$0")"

suite=bookworm
# The Debian mirror apt is configured with (DEBIAN_MIRROR overrides it).
apt_mirror=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null |
    sed -n 's/^URIs: *//p; s/^deb \(http[^ ]*\) .*/\1/p' | grep -m1 '/debian$' || true)
mirror=${DEBIAN_MIRROR:-${apt_mirror:-http://deb.debian.org/debian}}
packages=libssl3,libicu72,ca-certificates,tzdata
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
# The images trust what this machine trusts, so that restore and apt reach their registries as the host does
# (also behind a TLS-inspecting proxy whose certificate the host has added).
host_ca_bundle=/etc/ssl/certs/ca-certificates.crt
# The UID Microsoft's images give their "app" user, so that volumes work the same with either base.
app_uid=1654

inputs_hash() {
    { cat local-base.sh postgres/* "$host_ca_bundle"; echo "$suite $mirror $packages"; "$dotnet_root/dotnet" --list-sdks; "$dotnet_root/dotnet" --list-runtimes; } |
        sha256sum | cut -c1-16
}
hash=$(inputs_hash)

# One build at a time on this machine (.ci/run starts one early, the tests run it again): the second waits, then finds
# the images current.
exec 9>/var/lock/gateway-local-base.lock
flock 9

is_current() {
    [ "$(podman image inspect --format '{{ index .Labels "gateway.base.inputs" }}' "$1" 2>/dev/null)" = "$hash" ]
}

if is_current localhost/dotnet-sdk:10.0 && is_current localhost/dotnet-aspnet:10.0 && is_current localhost/postgres:15; then
    echo "local base images are current (inputs $hash)"
    exit 0
fi

work=$(mktemp -d /var/tmp/gateway-base.XXXXXX)
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs

echo "== $SECONDS s: debootstrap $suite from $mirror"
debootstrap --variant=minbase --include="$packages" "$suite" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { cat "$work/debootstrap.log" >&2; exit 1; }
chroot "$rootfs" useradd --uid "$app_uid" --user-group --no-create-home --home-dir /home/app --shell /usr/sbin/nologin app
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
cp "$host_ca_bundle" "$rootfs/etc/ssl/certs/ca-certificates.crt"

import() { # name, then podman import --change instructions
    local name=$1
    shift
    local changes=()
    for change in "LABEL=gateway.base.inputs=$hash" "$@"; do
        changes+=(--change "$change")
    done
    tar -C "$rootfs" -c . | podman import --quiet "${changes[@]}" - "$name" >/dev/null
    echo "== $SECONDS s: built $name"
}

echo "== $SECONDS s: plain Debian, for the PostgreSQL image"
import localhost/debian:$suite "CMD=[\"bash\"]"
# runc with cgroupfs for the RUN step, as README "Docker" says for every podman command here.
podman --runtime runc --cgroup-manager=cgroupfs build --network host --build-arg BASE_IMAGE=localhost/debian:$suite --label "gateway.base.inputs=$hash" \
    -t localhost/postgres:15 postgres >"$work/postgres.log" 2>&1 || { cat "$work/postgres.log" >&2; exit 1; }
echo "== $SECONDS s: built localhost/postgres:15"

dotnet_env=("ENV=DOTNET_ROOT=/usr/share/dotnet" "ENV=APP_UID=$app_uid" "ENV=DOTNET_RUNNING_IN_CONTAINER=true" "ENV=ASPNETCORE_HTTP_PORTS=8080")
mkdir -p "$rootfs/usr/share/dotnet"
cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$dotnet_root/shared" "$rootfs/usr/share/dotnet/"
ln -sf /usr/share/dotnet/dotnet "$rootfs/usr/bin/dotnet"
import localhost/dotnet-aspnet:10.0 "${dotnet_env[@]}" "CMD=[\"bash\"]"

cp -a "$dotnet_root/." "$rootfs/usr/share/dotnet/"
import localhost/dotnet-sdk:10.0 "${dotnet_env[@]}" "ENV=DOTNET_CLI_TELEMETRY_OPTOUT=1" "ENV=DOTNET_NOLOGO=1" "CMD=[\"bash\"]"
# The images these replaced, unless a container still uses them.
podman image prune --force --filter label=gateway.base.inputs >/dev/null
