#!/usr/bin/env bash
# The Gateway's proxy listener side by side with HAProxy (Debian, TCP mode) in front of the same backends, alternated:
#   new connections/s (connect, 64 B request/reply, close), bulk throughput of 1 and 50 streams, p50/p99 of a 64 B
#   request/reply (and the backends' own, to get the latency each proxy adds), and memory per idle proxied pair.
# Usage: bench/proxy.sh [seconds-per-scenario] [rounds] [idle-connections]
# Ports: BENCH_PORT_BASE (default 21000) + 1..4 backends, +10/+11 Gateway, +20/+21 HAProxy, +80 admin.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
rounds=${2:-3}
idle=${3:-2000}
base=${BENCH_PORT_BASE:-21000}
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

(cd bench/peers && go build -o "$work/proxyload" ./proxyload)
dotnet build -c Release src/Gateway -v q -nologo >/dev/null
load="$work/proxyload"

"$load" echo -listen 127.0.0.1:$((base + 1)) & pids+=($!)
"$load" echo -listen 127.0.0.1:$((base + 2)) & pids+=($!)
"$load" source -listen 127.0.0.1:$((base + 3)) & pids+=($!)
"$load" source -listen 127.0.0.1:$((base + 4)) & pids+=($!)

args=(--Admin:Address=127.0.0.1 --Admin:Port=$((base + 80)) --Gateway:DataDirectory="$work/data" --Serilog:MinimumLevel:Default=Warning)
for name in $(python3 -c "import json; print(' '.join(json.load(open('src/Gateway/appsettings.json'))['Gateway']['Listeners']))"); do
    args+=(--Gateway:Listeners:$name:Enabled=false)
done
for pair in "echo:$((base + 10)):1:2" "source:$((base + 11)):3:4"; do
    IFS=: read -r pool port first second <<<"$pair"
    args+=(--Gateway:Listeners:proxy-$pool:Protocol=proxy --Gateway:Listeners:proxy-$pool:Address=127.0.0.1
        --Gateway:Listeners:proxy-$pool:Port=$port --Gateway:Listeners:proxy-$pool:Pool=$pool
        --Gateway:Listeners:proxy-$pool:MaxConnections=100000
        --Gateway:Pools:$pool:Backends:a:Address=127.0.0.1:$((base + first)) --Gateway:Pools:$pool:Backends:b:Address=127.0.0.1:$((base + second)))
done
dotnet src/Gateway/bin/Release/net10.0/Gateway.dll "${args[@]}" & gateway=$!; pids+=($gateway)

cat >"$work/haproxy.cfg" <<CFG
global
  maxconn 8000
defaults
  mode tcp
  timeout connect 5s
  timeout client 300s
  timeout server 300s
listen echo
  bind 127.0.0.1:$((base + 20))
  balance roundrobin
  server a 127.0.0.1:$((base + 1))
  server b 127.0.0.1:$((base + 2))
listen source
  bind 127.0.0.1:$((base + 21))
  balance roundrobin
  server a 127.0.0.1:$((base + 3))
  server b 127.0.0.1:$((base + 4))
CFG
haproxy -db -f "$work/haproxy.cfg" & haproxy=$!; pids+=($haproxy)

for port in $((base + 10)) $((base + 20)); do
    for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.2; done
done
echo "== warm-up"
"$load" connrate -target 127.0.0.1:$((base + 10)) -c 20 -d 3s >/dev/null
"$load" bulk -target 127.0.0.1:$((base + 11)) -c 4 -d 2s >/dev/null

declare -A echo_port=([gateway]=$((base + 10)) [haproxy]=$((base + 20)) [direct]=$((base + 1)))
declare -A source_port=([gateway]=$((base + 11)) [haproxy]=$((base + 21)))
for round in $(seq "$rounds"); do
    order=(gateway haproxy); [ $((round % 2)) -eq 0 ] && order=(haproxy gateway)
    for who in direct "${order[@]}"; do
        echo "round $round $who $("$load" latency -target 127.0.0.1:${echo_port[$who]} -c 10 -d "${seconds}s")"
    done
    for who in "${order[@]}"; do
        echo "round $round $who $("$load" connrate -target 127.0.0.1:${echo_port[$who]} -c 50 -d "${seconds}s")"
        echo "round $round $who 1-stream $("$load" bulk -target 127.0.0.1:${source_port[$who]} -c 1 -d "${seconds}s")"
        echo "round $round $who 50-stream $("$load" bulk -target 127.0.0.1:${source_port[$who]} -c 50 -d "${seconds}s")"
    done
done

rss() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
for who in gateway haproxy; do
    pid=$([ $who = gateway ] && echo $gateway || echo $haproxy)
    before=$(rss "$pid")
    coproc HOLD { "$load" idle -target 127.0.0.1:${echo_port[$who]} -c "$idle"; }
    read -r ready <&"${HOLD[0]}"
    sleep 2
    after=$(rss "$pid")
    echo "idle $who $idle pairs: RSS ${before} kB -> ${after} kB, $(((after - before) * 1024 / idle)) B per pair"
    eval "exec ${HOLD[1]}>&-"
    wait "$HOLD_PID" 2>/dev/null || true
done
