#!/usr/bin/env bash
# Builds the Gateway in Release, starts it, and measures it on this machine:
#   - resp against redis-server 7 (Debian), with redis-benchmark, alternated, -P 1 and -P 16;
#   - 10 000 idle echo connections: the server memory they cost, and fresh clients answered meanwhile;
#   - chat fan-out to 200 clients: deliveries/s, delivery latency, nothing missing or out of order;
#   - chat unpaced bursts of 2 000 and 20 000 lines to 100 listeners: deliveries/s and delivery latency;
#   - the load generator's request/reply scenarios (echo, kv, resp, binary, frames, HTTP);
#   - the users API against the seed's Go users server (bench/peers/users), with wrk, alternated;
#   - udp-echo against the seed's Go UDP server (bench/peers/udp-echo), datagrams/s and loss, alternated;
# then prints a markdown report (also written to bench/results/latest.md).
# Usage: bench/run.sh [seconds-per-scenario] [rounds]
# Ports: the Gateway's own (src/Gateway/appsettings.json), Redis 6399, the Go peers 8090 and 8091 (UDP). BENCH_PORT_BASE=18000
# moves them all (listeners to base+1.., admin to base+80, Go to base+90 and 91, Redis to base+99) on a machine shared with others.
# Every port must be free: the script refuses to start otherwise, and checks that its own processes answer.
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
command -v go >/dev/null || need+=(golang-go)
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

# The Gateway's ports by configuration key, from its appsettings.json (or moved to BENCH_PORT_BASE).
declare -A port
# A port is busy, or owned, whether a TCP or a UDP socket (udp-echo) holds it.
while read -r key value; do port[$key]=$value; done < <(awk -F'"' '
    /"Listeners": \{/ { listeners = 1; next }
    listeners && /^      "[^"]+": \{/ { name = $2 }
    listeners && /"Port":/ { gsub(/[^0-9]/, "", $3); print "Gateway:Listeners:" name ":Port", $3 }
    /"Admin": \{/ { listeners = 0; admin = 1 }
    admin && /"Port":/ { gsub(/[^0-9]/, "", $3); print "Admin:Port", $3; admin = 0 }' src/Gateway/appsettings.json)
port[redis]=6399
port[go-users]=8090
port[go-udp]=8091
if [ -n "${BENCH_PORT_BASE:-}" ]; then
    i=1
    for key in $(printf '%s\n' "${!port[@]}" | grep '^Gateway:Listeners:' | sort); do port[$key]=$((BENCH_PORT_BASE + i)); i=$((i + 1)); done
    port[Admin:Port]=$((BENCH_PORT_BASE + 80))
    port[go-users]=$((BENCH_PORT_BASE + 90))
    port[go-udp]=$((BENCH_PORT_BASE + 91))
    port[redis]=$((BENCH_PORT_BASE + 99))
fi
listener() { echo "${port[Gateway:Listeners:$1:Port]}"; }
admin=${port[Admin:Port]}

# Refuse to run beside anything already listening on one of these ports: it would be measured instead of ours.
busy=0
for key in "${!port[@]}"; do
    if [ -n "$(ss -Hltn "sport = :${port[$key]}")$(ss -Hlun "sport = :${port[$key]}")" ]; then
        echo "bench/run.sh: port ${port[$key]} ($key) is already in use; stop what listens there or set BENCH_PORT_BASE." >&2
        busy=1
    fi
done
[ "$busy" = 0 ] || exit 1

echo "== building (Release)" >&2
dotnet publish src/Gateway -c Release -o "$out/gateway" >/dev/null
dotnet build bench/LoadGenerator -c Release -o "$out/loadgen" >/dev/null

(cd bench/peers && go build -o "../../$out/go-users" ./users && go build -o "../../$out/go-udp-echo" ./udp-echo)

data=$(mktemp -d)
gateway_ports=()
for key in "${!port[@]}"; do
    case $key in Admin:Port | Gateway:Listeners:*) gateway_ports+=("--$key=${port[$key]}") ;; esac
done
# udp-echo without its per-source rate limit: the load generator is a handful of sources.
"$out/gateway/Gateway" --Admin:ApiKeys:0=bench --Admin:RateLimitPermits=10000000 --Serilog:MinimumLevel:Default=Warning \
    --Gateway:Listeners:udp-echo:SourceDatagramsPerSecond=0 --Gateway:Listeners:udp-echo:SourceBytesPerSecond=0 \
    --Gateway:DataDirectory="$data" --Gateway:Listeners:echo:MaxConnections=$((idle + 1000)) "${gateway_ports[@]}" >"$out/gateway.log" 2>&1 &
gateway=$!
redis-server --port "${port[redis]}" --save '' --appendonly no --daemonize no >"$out/redis.log" 2>&1 &
redis=$!
PORT=${port[go-users]} "$out/go-users" >"$out/go-users.log" 2>&1 &
go_users=$!
PORT=${port[go-udp]} "$out/go-udp-echo" >"$out/go-udp-echo.log" 2>&1 &
go_udp=$!
trap 'kill $gateway $redis $go_users $go_udp 2>/dev/null || true; rm -rf "$data"' EXIT

# Each port must be answered by the process this script started, not by one that grabbed it meanwhile.
owns() { { ss -Hltnp "sport = :$2"; ss -Hlunp "sport = :$2"; } | grep -q "pid=$1,"; }
started() {
    for _ in $(seq 1 60); do
        kill -0 "$1" 2>/dev/null || { echo "bench/run.sh: $2 exited at start; its log:" >&2; tail -20 "$3" >&2; exit 1; }
        local all=1
        for p in "${@:4}"; do owns "$1" "$p" || all=0; done
        [ "$all" = 1 ] && return 0
        sleep 1
    done
    echo "bench/run.sh: $2 (pid $1) is not listening on all of ports ${*:4} after 60 s." >&2
    exit 1
}
started "$gateway" Gateway "$out/gateway.log" "$admin" $(for key in "${!port[@]}"; do case $key in Gateway:Listeners:*) echo "${port[$key]}" ;; esac; done)
started "$redis" redis-server "$out/redis.log" "${port[redis]}"
started "$go_users" "the Go users server" "$out/go-users.log" "${port[go-users]}"
started "$go_udp" "the Go UDP echo server" "$out/go-udp-echo.log" "${port[go-udp]}"
curl -sf "localhost:$admin/health/live" >/dev/null

# A user for the HTTP scenario.
curl -sf -H 'Authorization: Bearer bench' -H 'Content-Type: application/json' \
    -d '{"username":"bench","email":"bench@example.com"}' "localhost:$admin/api/users" >/dev/null
curl -sf -d '{"username":"bench","email":"bench@example.com"}' "localhost:${port[go-users]}/api/users" >/dev/null

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
            gw+=("$(rps "$(listener resp)" "$test" "$pipeline")")
            rd+=("$(rps "${port[redis]}" "$test" "$pipeline")")
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
run --scenario idle --port "$(listener echo)" --connections "$idle" --server-pid "$gateway"

{
    echo
    echo "## Chat fan-out ($seconds s; each client sends its next message when its previous one came back)"
    echo
    echo "| clients | sent/s | deliveries/s | p50 ms | p99 ms | p99.9 ms | missing | out of order | disconnected |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
} >>"$report"
run --scenario chat --port "$(listener chat)" --connections 200

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
run --scenario echo --port "$(listener echo)" --connections 50 --pipeline 1 --size 64
run --scenario echo --port "$(listener echo)" --connections 50 --pipeline 16 --size 64
run --scenario echo --port "$(listener echo)" --connections 10 --pipeline 4 --size 16384
run --scenario kv --port "$(listener kv)" --connections 50 --pipeline 16 --size 64
run --scenario resp --port "$(listener resp)" --connections 50 --pipeline 16 --size 64
run --scenario binary --port "$(listener binary)" --connections 50 --pipeline 16 --size 64
run --scenario frames --port "$(listener frames)" --connections 50 --pipeline 16 --size 1024
run --scenario http-health --port "$admin" --connections 20
run --scenario http-user --port "$admin" --connections 20

# The users API against the seed's Go server. wrk counts every status >= 400 as "Non-2xx or 3xx responses"; the
# rate limit is raised above, and any such response fails the run rather than being measured as a fast 429.
failures="$out/users-failures.txt"
: >"$failures"
users() { # name port get|post round
    local url="http://127.0.0.1:$2/api/users" result
    if [ "$3" = get ]; then
        result=$(wrk -t2 -c50 -d"${seconds}s" -H 'Authorization: Bearer bench' "$url/1")
    else
        result=$(wrk -t2 -c50 -d"${seconds}s" -s bench/wrk/post-user.lua "$url" -- "$1$4x$$" bench)
    fi
    if grep -qE 'Non-2xx|Socket errors' <<<"$result"; then
        { echo "$3 /api/users on $1, round $4:"; grep -E 'Non-2xx|Socket errors' <<<"$result"; } | tee -a "$failures" >&2
    fi
    awk '/Requests\/sec/ {print $2}' <<<"$result"
}
{
    echo
    echo "## Users API vs the seed's Go users server (wrk -t2 -c50 -d${seconds}s, $rounds alternated rounds, median requests/s)"
    echo
    echo "The Go server keeps users in memory; the Gateway stores them in SQLite. POST creates a new user per request."
    echo
    echo "| request | Gateway | Go | ratio |"
    echo "| --- | --- | --- | --- |"
} >>"$report"
# Warm-up, not recorded: the Gateway's JIT needs a while under load to reach its optimized code.
for request in get post; do
    users gateway "$admin" "$request" warmup >/dev/null
    users go "${port[go-users]}" "$request" warmup >/dev/null
done
for request in get post; do
    gw=(); go=()
    for round in $(seq 1 "$rounds"); do
        gw+=("$(users gateway "$admin" "$request" "$round")")
        go+=("$(users go "${port[go-users]}" "$request" "$round")")
    done
    g=$(printf '%s\n' "${gw[@]}" | median)
    r=$(printf '%s\n' "${go[@]}" | median)
    path=$([ "$request" = get ] && echo "GET /api/users/1" || echo "POST /api/users")
    echo "| $path | $g | $r | $(awk -v g="$g" -v r="$r" 'BEGIN {printf "%.2f", g/r}') |" >>"$report"
done

# udp-echo against the seed's Go UDP server, alternated: 2 client sockets, each sending windows of 16 datagrams.
udp_round() { # label port size
    "$out/loadgen/Gateway.LoadGenerator" --scenario udp-echo --port "$2" --connections 2 --pipeline 16 --size "$3" --duration "$seconds" 2>/dev/null |
        sed "s/^| udp-echo | $2 |/| $1 |/"
}
{
    echo
    echo "## udp-echo vs the seed's Go UDP server ($rounds alternated rounds, $seconds s each, 2 clients, windows of 16)"
    echo
    echo "| server | clients | window | size | sent/s | received/s | loss % |"
    echo "| --- | --- | --- | --- | --- | --- | --- |"
    for size in 64 1024; do
        for _ in $(seq 1 "$rounds"); do
            udp_round Gateway "$(listener udp-echo)" "$size"
            udp_round Go "${port[go-udp]}" "$size"
        done
    done
} >>"$report"

cat "$report"
if [ -s "$failures" ]; then
    echo "bench/run.sh: some users API requests failed or were not 2xx ($failures): those numbers are not valid." >&2
    exit 1
fi
