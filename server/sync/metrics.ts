/**
 * Prometheus metrics (prom-client), on a registry of their own so that several servers in one process
 * (tests) do not collide. Counters are bumped once per broadcast, not once per recipient.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  connections: Gauge<'role'>;
  meetingsLoaded: Gauge;
  messagesIn: Counter<'type'>;
  messagesOut: Counter;
  bytesIn: Counter;
  bytesOut: Counter;
  refused: Counter<'code'>;
  closed: Counter<'code'>;
  appendSeconds: Histogram;
  compactSeconds: Histogram;
}

/** A fresh set of metrics; `processMetrics` adds Node's defaults (memory, event loop lag). */
export function createMetrics(processMetrics = false): Metrics {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry, prefix: 'plenary_' });
  const registers = [registry];
  return {
    registry,
    connections: new Gauge({ name: 'plenary_connections', help: 'Open sync connections by role', labelNames: ['role'], registers }),
    meetingsLoaded: new Gauge({ name: 'plenary_meetings_loaded', help: 'Meetings loaded in memory', registers }),
    messagesIn: new Counter({ name: 'plenary_messages_received_total', help: 'Sync messages received, by type', labelNames: ['type'], registers }),
    messagesOut: new Counter({ name: 'plenary_messages_sent_total', help: 'Sync messages sent (one per recipient)', registers }),
    bytesIn: new Counter({ name: 'plenary_bytes_received_total', help: 'Bytes of sync messages received', registers }),
    bytesOut: new Counter({ name: 'plenary_bytes_sent_total', help: 'Bytes of sync messages sent', registers }),
    refused: new Counter({ name: 'plenary_connections_refused_total', help: 'Sync connections refused, by close code', labelNames: ['code'], registers }),
    closed: new Counter({ name: 'plenary_connections_closed_by_server_total', help: 'Sync connections the server closed, by close code', labelNames: ['code'], registers }),
    appendSeconds: new Histogram({
      name: 'plenary_append_seconds',
      help: 'Time to make a batch of updates durable (one transaction)',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
      registers,
    }),
    compactSeconds: new Histogram({
      name: 'plenary_compact_seconds',
      help: 'Time to compact a meeting\'s update log',
      buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers,
    }),
  };
}
