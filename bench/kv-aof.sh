#!/usr/bin/env bash
# resp SET -P 16 throughput: the Gateway with KeyValue:Persistence none / aof everysec / aof always, against
# redis-server with appendonly yes (everysec and always), rounds alternated. Usage: bench/kv-aof.sh [rounds] [base-port]
# Needs a Release build: dotnet build src/Gateway -c Release
set -euo pipefail
rounds=${1:-3}
base=${2:-27400}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/src/Gateway/bin/Release/net10.0"
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT

listeners=$(python3 -c "import json;print(' '.join(json.load(open('$out/appsettings.json'))['Gateway']['Listeners']))")

start_gateway() { # name port extra-args...
  local name=$1 port=$2; shift 2
  local args=(--Admin:Port=$((port + 50)) --Gateway:DataDirectory="$work/$name" --Serilog:MinimumLevel:Default=Warning)
  local offset=1
  for l in $listeners; do
    if [ "$l" = resp ]; then args+=(--Gateway:Listeners:resp:Port=$port); else args+=(--Gateway:Listeners:$l:Port=$((port + offset))); offset=$((offset + 1)); fi
  done
  dotnet "$out/Gateway.dll" "${args[@]}" "$@" > "$work/$name.log" 2>&1 &
  pids+=($!)
}

start_redis() { # name port fsync
  mkdir -p "$work/$1"
  redis-server --port "$2" --save '' --appendonly yes --appendfsync "$3" --dir "$work/$1" --daemonize no > "$work/$1.log" 2>&1 &
  pids+=($!)
}

start_gateway none $base --KeyValue:Persistence=none
start_gateway everysec $((base + 100)) --KeyValue:AppendFsync=everysec
start_gateway always $((base + 200)) --KeyValue:AppendFsync=always
start_redis redis-everysec $((base + 300)) everysec
start_redis redis-always $((base + 301)) always
for port in $base $((base + 100)) $((base + 200)) $((base + 300)) $((base + 301)); do
  until redis-cli -p "$port" ping > /dev/null 2>&1; do sleep 0.2; done
done

declare -A results
for round in $(seq "$rounds"); do
  for target in none:$base everysec:$((base + 100)) always:$((base + 200)) redis-everysec:$((base + 300)) redis-always:$((base + 301)); do
    name=${target%%:*} port=${target##*:}
    rps=$(redis-benchmark -p "$port" -t set -n 100000 -c 50 -P 16 -q -r 100000 | grep -o '[0-9.]* requests per second' | cut -d' ' -f1)
    results[$name]="${results[$name]:-} $rps"
    echo "round $round $name $rps"
  done
done
for name in none everysec always redis-everysec redis-always; do
  echo "$name: ${results[$name]} (median $(printf '%s\n' ${results[$name]} | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'))"
done
