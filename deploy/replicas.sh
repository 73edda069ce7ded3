#!/bin/sh
# Runs N briefbot replicas on this host, on the database of one config,
# each restarted if it dies; Ctrl-C or SIGTERM stops them all cleanly.
#   deploy/replicas.sh 3 briefbot.yaml
# The config's http.listen should be ${LISTEN}: replica i serves /metrics,
# /healthz and Slack's HTTP requests on port BASE_PORT+i (default 8081+i).
set -eu
n="${1:-3}"
config="${2:-briefbot.yaml}"
base="${BASE_PORT:-8081}"
bin="${BRIEFBOT:-briefbot}"

# Migrate once before the replicas start (they would take turns anyway).
LISTEN="127.0.0.1:$base" "$bin" --config "$config" migrate up

pids=""
stop() {
	trap - INT TERM
	for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
	wait
	exit 0
}
trap stop INT TERM

i=0
while [ "$i" -lt "$n" ]; do
	port=$((base + i))
	(
		child=""
		trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 0' TERM
		while :; do
			LISTEN="127.0.0.1:$port" "$bin" --config "$config" run &
			child=$!
			wait "$child" || true
			echo "replica on port $port stopped; restarting in 2 s" >&2
			sleep 2
		done
	) &
	pids="$pids $!"
	i=$((i + 1))
done
wait
