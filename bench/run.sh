#!/usr/bin/env bash
# Builds the Gateway in Release, starts it, and measures it on this machine:
#   - resp against redis-server 7 (Debian), with redis-benchmark, alternated, -P 1 and -P 16;
#   - 10 000 idle echo connections: the server memory they cost, and fresh clients answered meanwhile;
#   - chat fan-out to 200 clients: deliveries/s, delivery latency, nothing missing or out of order;
#   - chat unpaced bursts of 2 000 and 20 000 lines to 100 listeners: deliveries/s and delivery latency;
#   - the load generator's request/reply scenarios (echo, kv, resp, binary, frames, HTTP);
# then prints a markdown report (also written to bench/results/latest.md).
# Usage: bench/run.sh [seconds-per-scenario] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-5}
rounds=${2:-3}
out=bench/results
mkdir -p "$out"
report="$out/latest.md"

need=()
command -v redis-server >/dev/null || need+=(redis-server)
command -v redis-benchmark >/dev/null || need+=(redis-tools)
command -v wrk >/dev/null || need+=(wrk)
if [ "${#need[@]}" -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
# 10 000 idle connections need that many descriptors in the server and in the load generator.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
idle=10000
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((idle + 1000)) ]; then
    idle=$(($(ulimit -n) - 1000))
    echo "== only $(ulimit -n) file descriptors allowed: holding $idle idle connections" >&2
fi

echo "== building (Release)" >&2
dotnet publish src/Gateway -c Release -o "$out/gateway" >/dev/null
dotnet build bench/LoadGenerator -c Release -o "$out/loadgen" >/dev/null

data=$(mktemp -d)
"$out/gateway/Gateway" --Admin:ApiKeys:0=bench --Admin:RateLimitPermits=10000000 --Serilog:MinimumLevel:Default=Warning \
    --Gateway:DataDirectory="$data" --Gateway:Listeners:echo:MaxConnections=$((idle + 1000)) >"$out/gateway.log" 2>&1 &
gateway=$!
redis-server --port 6399 --save '' --appendonly no --daemonize no >"$out/redis.log" 2>&1 &
redis=$!
trap 'kill $gateway $redis 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 60); do curl -sf localhost:8080/health/live >/dev/null && redis-cli -p 6399 ping >/dev/null 2>&1 && break; sleep 1; done

# A user for the HTTP scenario.
curl -sf -H 'Authorization: Bearer bench' -H 'Content-Type: application/json' \
    -d '{"username":"bench","email":"bench@example.com"}' localhost:8080/api/users >/dev/null || true

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
rps() { redis-benchmark -p "$1" -t "$2" -n 200000 -c 50 -P "$3" -q 2>/dev/null | tr '\r' '\n' | awk -v t="$(echo "$2" | tr a-z A-Z)" '$1==t":" {print $2}' | tail -1; }

{
    echo "# Gateway benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load generator and server share it."
    echo
    echo "## resp vs redis-server ($rounds alternated rounds, median requests/s, redis-benchmark -n 200000 -c 50)"
    echo
    echo "| test | pipeline | Gateway | Redis | ratio |"
    echo "| --- | --- | --- | --- | --- |"
} >"$report"

for pipeline in 1 16; do
    for test in set get; do
        gw=(); rd=()
        for _ in $(seq 1 "$rounds"); do
            gw+=("$(rps 7379 "$test" "$pipeline")")
            rd+=("$(rps 6399 "$test" "$pipeline")")
        done
        g=$(printf '%s\n' "${gw[@]}" | median)
        r=$(printf '%s\n' "${rd[@]}" | median)
        echo "| ${test^^} | $pipeline | $g | $r | $(awk -v g="$g" -v r="$r" 'BEGIN {printf "%.2f", g/r}') |" >>"$report"
    done
done

run() { "$out/loadgen/Gateway.LoadGenerator" --duration "$seconds" --admin-key bench "$@" 2>/dev/null >>"$report"; }
{
    echo
    echo "## Idle echo connections (RSS from /proc; then 200 fresh clients connect and echo one line each)"
    echo
    echo "| held open | failed to open | server RSS before MiB | after MiB | KiB per connection | fresh client p50 ms | p99 ms | fresh client errors |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
} >>"$report"
run --scenario idle --connections "$idle" --server-pid "$gateway"

{
    echo
    echo "## Chat fan-out ($seconds s; each client sends its next message when its previous one came back)"
    echo
    echo "| clients | sent/s | deliveries/s | p50 ms | p99 ms | p99.9 ms | missing | out of order | disconnected |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
} >>"$report"
run --scenario chat --connections 200

{
    echo
    echo "## Chat unpaced burst (one talker sends all its lines at once; 100 listeners and the talker receive them)"
    echo
    echo "| clients | lines | deliveries/s | p50 ms | p99 ms | p99.9 ms | missing | out of order | disconnected |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
} >>"$report"
run --scenario chat --connections 101 --burst 2000
run --scenario chat --connections 101 --burst 20000

{
    echo
    echo "## Load generator ($seconds s each)"
    echo
    echo "| scenario | connections | pipeline | size | msg/s | MB/s | p50 ms | p99 ms | p99.9 ms | errors |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
} >>"$report"
run --scenario echo --connections 50 --pipeline 1 --size 64
run --scenario echo --connections 50 --pipeline 16 --size 64
run --scenario echo --connections 10 --pipeline 4 --size 16384
run --scenario kv --connections 50 --pipeline 16 --size 64
run --scenario resp --connections 50 --pipeline 16 --size 64
run --scenario binary --connections 50 --pipeline 16 --size 64
run --scenario frames --connections 50 --pipeline 16 --size 1024
run --scenario http-health --connections 20
run --scenario http-user --connections 20

cat "$report"
