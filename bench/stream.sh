#!/usr/bin/env bash
# The stream protocol against socat's raw loopback on this machine, side by side in one run:
#   - one 1 GiB download and upload (socat: file -> TCP -> /dev/null, TCP -> file);
#   - 20 concurrent 100 MiB downloads and uploads;
# with the Gateway's peak RSS (VmHWM, reset before each scenario). Every socat (baseline and client) moves 1 MiB blocks
# (-b), not its default 8 KiB, which measured slower than the Gateway.
# Usage: bench/stream.sh [rounds]. Ports: BENCH_PORT_BASE (default 25000): socat +1/+2, stream +12, admin +80.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
base=${BENCH_PORT_BASE:-25000}
work=$(mktemp -d /tmp/gateway-stream-bench.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build src/Gateway -c Release -o "$work/bin" -v q -nologo >/dev/null
head -c 1G /dev/urandom > "$work/big.bin"
head -c 100M "$work/big.bin" > "$work/mid.bin"

args=(--Gateway:DataDirectory="$work/data" --Admin:Address=127.0.0.1 --Admin:Port=$((base + 80)))
args+=(--Gateway:Listeners:stream:Address=127.0.0.1 --Gateway:Listeners:stream:Port=$((base + 12)) --Gateway:Listeners:stream:QuotaBytes=$((16 << 30)))
for name in $(awk -F'"' '/"Listeners": \{/ { l = 1; next } l && /^      "[^"]+": \{/ { print $2 } /"Admin": \{/ { l = 0 }' src/Gateway/appsettings.json); do
    [ "$name" = stream ] || args+=(--Gateway:Listeners:$name:Enabled=false)
done
dotnet "$work/bin/Gateway.dll" "${args[@]}" >"$work/gateway.log" 2>&1 &
gateway=$!
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$((base + 12))) 2>/dev/null && break; sleep 0.1; done

rss() { awk '/VmRSS/ { print int($2 / 1024) }' /proc/$gateway/status; }
peak() { awk '/VmHWM/ { print int($2 / 1024) }' /proc/$gateway/status; }
reset_peak() { echo 5 > /proc/$gateway/clear_refs; }
seconds() { date +%s.%N; }
mibps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f", b / 1048576 / s }'; }

stream() { socat -b 1048576 -t 600 - TCP:127.0.0.1:$((base + 12)); }
put() {
    local reply; reply=$({ printf 'PUT %s %d\n' "$1" "$(stat -c %s "$2")"; cat "$2"; printf 'QUIT\n'; } | stream)
    [[ $reply == "OK "* ]] || { echo "PUT $1: $reply" >&2; return 1; }
}
get() { printf 'GET %s\nQUIT\n' "$1" | stream >/dev/null; }
socat_down() { socat -b 1048576 -u FILE:"$1" TCP-LISTEN:$((base + 1)),reuseaddr & sleep 0.2; socat -b 1048576 -t 600 - TCP:127.0.0.1:$((base + 1)) </dev/null >/dev/null; wait $!; }
socat_up() { socat -b 1048576 -u TCP-LISTEN:$((base + 2)),reuseaddr CREATE:"$work/socat-up.bin" & sleep 0.2; socat -b 1048576 -u FILE:"$1" TCP:127.0.0.1:$((base + 2)); wait $!; }

# One timed scenario: prints MiB/s (and the Gateway's peak RSS for Gateway runs).
timed() {
    local label=$1 bytes=$2; shift 2
    reset_peak
    local start; start=$(seconds)
    "$@"
    local took; took=$(awk -v a="$start" -v b="$(seconds)" 'BEGIN { print b - a }')
    printf '| %s | %s | %s |\n' "$label" "$(mibps "$bytes" "$took")" "$(peak)"
}

concurrent() { local i pids=(); for i in $(seq 20); do "$@" "$i" & pids+=($!); done; wait "${pids[@]}"; }
put_mid() { put "mid-$1.bin" "$work/mid.bin"; }
get_mid() { get mid-1.bin; }
socat_down_mid() { socat -b 1048576 -u FILE:"$work/mid.bin" TCP-LISTEN:$((base + 100 + $1)),reuseaddr & sleep 0.3; socat -b 1048576 -t 600 - TCP:127.0.0.1:$((base + 100 + $1)) </dev/null >/dev/null; wait $!; }
socat_up_mid() { socat -b 1048576 -u TCP-LISTEN:$((base + 200 + $1)),reuseaddr CREATE:"$work/socat-$1.bin" & sleep 0.3; socat -b 1048576 -u FILE:"$work/mid.bin" TCP:127.0.0.1:$((base + 200 + $1)); wait $!; }

echo "Gateway idle RSS at start: $(rss) MiB"
put big.bin "$work/big.bin"
put mid-1.bin "$work/mid.bin"
echo "Gateway idle RSS after one 1 GiB upload: $(rss) MiB"
echo
echo "| scenario | MiB/s | Gateway peak RSS (MiB) |"
echo "| --- | ---: | ---: |"
for round in $(seq "$rounds"); do
    timed "socat 1 GiB download" $((1 << 30)) socat_down "$work/big.bin"
    timed "Gateway 1 GiB download" $((1 << 30)) get big.bin
    timed "socat 1 GiB upload" $((1 << 30)) socat_up "$work/big.bin"
    timed "Gateway 1 GiB upload (fsync'd)" $((1 << 30)) put up.bin "$work/big.bin"
    timed "socat 20 x 100 MiB download" $((20 * 100 << 20)) concurrent socat_down_mid
    timed "Gateway 20 x 100 MiB download" $((20 * 100 << 20)) concurrent get_mid
    timed "socat 20 x 100 MiB upload" $((20 * 100 << 20)) concurrent socat_up_mid
    timed "Gateway 20 x 100 MiB upload (fsync'd)" $((20 * 100 << 20)) concurrent put_mid
done
