#!/usr/bin/env bash
# A local cluster from the built jars, on loopback, without Docker:
#   node-1  stable, http://127.0.0.1:8080, starts the embedded PostgreSQL (55432) and Kafka (59092),
#           gossip seed on 7946
#   node-2  canary, http://127.0.0.1:8081, on node-1's database and broker, with fault injection on;
#           its payment provider is node-1's sandbox (one provider for the cluster: a sandbox keeps
#           its authorizations in memory, and a capture may run on either node)
#           (PUT /admin/faults, to rehearse an automatic rollback: docs/operations.md)
#   gateway http://127.0.0.1:8000, routes over both (docs/gateway.md)
# Build first: mvn -DskipTests package. Logs: ./data/cluster/*.log. Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."

APP=app/target/order-platform.jar
GATEWAY=gateway/target/order-gateway.jar
for jar in "$APP" "$GATEWAY"; do
    [ -f "$jar" ] || { echo "$jar is missing: build first (mvn -DskipTests package)" >&2; exit 1; }
done

export ORDERS_ADMIN_API_KEY="${ORDERS_ADMIN_API_KEY:-local-admin-key}"
DATA="${ORDERS_DATA_DIR:-./data}/cluster"
mkdir -p "$DATA"
pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

await() { # url, name
    for _ in $(seq 1 180); do
        if curl -fs -o /dev/null "$1"; then echo "$2 is ready"; return; fi
        sleep 1
    done
    echo "$2 did not get ready; see $DATA/$2.log" >&2
    exit 1
}

PORT=8080 ORDERS_NODE_ID=node-1 ORDERS_NODE_TRACK=stable ORDERS_CLUSTER_PORT=7946 \
ORDERS_DATA_DIR="$DATA/node-1" ORDERS_EMBEDDED_POSTGRES_PORT=55432 ORDERS_EMBEDDED_KAFKA_PORT=59092 \
ORDERS_FORWARD_HEADERS_STRATEGY=native \
    java -jar "$APP" >"$DATA/node-1.log" 2>&1 &
pids+=($!)
await http://127.0.0.1:8080/actuator/health/readiness node-1

PORT=8081 ORDERS_NODE_ID=node-2 ORDERS_NODE_TRACK=canary ORDERS_CLUSTER_SEEDS=127.0.0.1:7946 \
ORDERS_EMBEDDED_ENABLED=false ORDERS_DB_URL=jdbc:postgresql://127.0.0.1:55432/postgres ORDERS_DB_USER=postgres \
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:59092 ORDERS_FORWARD_HEADERS_STRATEGY=native ORDERS_FAULTS_ENABLED=true \
ORDERS_PAYMENT_PROVIDER_URL=http://127.0.0.1:8080/sandbox/payments \
    java -jar "$APP" >"$DATA/node-2.log" 2>&1 &
pids+=($!)
await http://127.0.0.1:8081/actuator/health/readiness node-2

ORDERS_GATEWAY_PORT=8000 ORDERS_CLUSTER_SEEDS=127.0.0.1:7946 KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:59092 \
    java -jar "$GATEWAY" >"$DATA/gateway.log" 2>&1 &
pids+=($!)
await http://127.0.0.1:8000/actuator/health gateway

echo "Cluster up: gateway http://127.0.0.1:8000 (admin key: $ORDERS_ADMIN_API_KEY). Ctrl-C stops it."
wait
