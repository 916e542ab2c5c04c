#!/usr/bin/env bash
# Two Gateway processes on one SQLite data directory, each keeping replies of GET /api/users/{id}: a user is read on
# both, changed on one of them (chosen at random), and read again on the other, N times. Every read must show the
# write just before it. With LOAD=1, wrk reads the same user on both processes all along (hits and misses race writes).
# Usage: bench/users-two-processes.sh PUBLISHED_GATEWAY_DIR [N]   (ports BENCH_PORT_BASE+400.. and +500.., default 20000)
set -euo pipefail
build=$1 n=${2:-200} base=${BENCH_PORT_BASE:-20000}
data=$(mktemp -d)
admin=($((base + 480)) $((base + 580)))
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$data"' EXIT
start() { # index
    local i=1 args=()
    for name in echo chat kv resp binary frames json commands tlv packet mux; do
        args+=("--Gateway:Listeners:$name:Port=$((base + 400 + 100 * $1 + i))"); i=$((i + 1))
    done
    "$build/Gateway" --Admin:ApiKeys:0=bench --Admin:RateLimitPermits=10000000 --Serilog:MinimumLevel:Default=Warning \
        --Gateway:DataDirectory="$data" --Admin:Port="${admin[$1]}" "${args[@]}" >"$data/gateway-$1.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 60); do curl -sf "localhost:${admin[$1]}/health/live" >/dev/null && return; sleep 1; done
    echo "Gateway $1 did not start" >&2; exit 1
}
# One after the other: the first creates the schema.
start 0
start 1
auth='Authorization: Bearer bench'
curl -sf -H "$auth" -H 'Content-Type: application/json' -d '{"username":"shared","email":"shared@example.com","age":0}' \
    "localhost:${admin[0]}/api/users" >/dev/null
if [ -n "${LOAD:-}" ]; then
    for port in "${admin[@]}"; do wrk -t1 -c8 -d600s -H "$auth" "http://127.0.0.1:$port/api/users/1" >/dev/null & pids+=($!); done
fi
age() { curl -sf -H "$auth" "localhost:$1/api/users/1" | grep -o '"age":[0-9]*' | cut -d: -f2; }
stale=0
for i in $(seq 1 "$n"); do
    writer=$((RANDOM % 2)); reader=$((1 - writer)); want=$((i % 150 + 1))
    age "${admin[$reader]}" >/dev/null; age "${admin[$writer]}" >/dev/null
    curl -sf -X PATCH -H "$auth" -H 'Content-Type: application/json' -d "{\"age\":$want}" "localhost:${admin[$writer]}/api/users/1" >/dev/null
    got=$(age "${admin[$reader]}")
    [ "$got" = "$want" ] || { stale=$((stale + 1)); echo "write $i: wrote age $want on ${admin[$writer]}, read $got on ${admin[$reader]}"; }
done
echo "$stale stale reads of $n"
[ "$stale" = 0 ]
