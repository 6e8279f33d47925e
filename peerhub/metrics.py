"""Prometheus metrics, one registry per application instance.

No label ever carries a user id, handle, room name or address: labels are
route templates, frame types, outcomes and reasons from fixed sets.
``/metrics`` is served only to addresses in ``PEERHUB_METRICS_ALLOW`` or to a
request carrying ``Authorization: Bearer <PEERHUB_METRICS_TOKEN>``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

# Latency buckets from 1 ms to 10 s: chat is interactive, anything past a
# second is an incident.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
# Time to acknowledge an escalation: seconds to an hour.
ACK_BUCKETS = (5, 15, 30, 60, 120, 300, 600, 1800, 3600)


class _PoolCollector(Collector):
    def __init__(self, read_pool: Callable[[], tuple[int, int]]) -> None:
        self._read = read_pool

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            checked_out, size = self._read()
        except Exception:
            return
        yield GaugeMetricFamily("peerhub_db_pool_checked_out", "Database connections in use", value=checked_out)
        yield GaugeMetricFamily("peerhub_db_pool_size", "Database pool size", value=size)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.request_latency = Histogram(
            "peerhub_http_request_seconds", "HTTP request latency by route template",
            ["method", "route", "status_class"], buckets=LATENCY_BUCKETS, registry=r,
        )
        self.open_connections = Gauge("peerhub_ws_connections", "Open WebSocket connections", registry=r)
        self.messages = Counter("peerhub_messages_total", "Room messages stored", registry=r)
        self.posts = Counter("peerhub_posts_total", "Forum posts stored", registry=r)
        self.fanout_latency = Histogram(
            "peerhub_fanout_seconds", "From a room event reaching this process to its frame queued for every local recipient",
            buckets=LATENCY_BUCKETS, registry=r,
        )
        self.slow_consumers = Counter(
            "peerhub_ws_slow_consumer_closes_total", "Sockets closed because they could not keep up", registry=r
        )
        self.broker_reconnects = Counter("peerhub_broker_reconnects_total", "Broker reconnections", registry=r)
        self.resyncs = Counter("peerhub_resyncs_total", "Resync notices sent to clients", registry=r)
        self.open_escalations = Gauge("peerhub_escalations_open", "Crisis escalations not yet resolved", registry=r)
        self.time_to_ack = Histogram(
            "peerhub_escalation_ack_seconds", "Time from escalation to acknowledgement",
            buckets=ACK_BUCKETS, registry=r,
        )

    def watch_pool(self, read_pool: Callable[[], tuple[int, int]]) -> None:
        self.registry.register(_PoolCollector(read_pool))

    def render(self) -> bytes:
        return generate_latest(self.registry)
