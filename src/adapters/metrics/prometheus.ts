import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Metrics } from '../../domain/ports/metrics.ts';

/** Buckets for operations and Glue calls: from well under Glue's latency to its timeout. */
const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface PrometheusMetrics extends Metrics {
  readonly registry: Registry;
  /** The Prometheus text exposition of every family (`GET /metrics`). */
  text(): Promise<string>;
  readonly contentType: string;
}

/**
 * The operators' numbers in Prometheus form (docs/operations.md), in a registry of this gateway's
 * own (several gateways in one test process do not share counts), with Node's default process
 * metrics. `needingAttention` is asked at scrape time.
 */
export function createPrometheusMetrics(options: {
  readonly needingAttention: () => Promise<number | null>;
}): PrometheusMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const operations = new Counter({
    name: 'gateway_operations_total',
    help: 'GraphQL operations by operation and result (the success type name or the error code).',
    labelNames: ['operation', 'result'],
    registers: [registry],
  });
  const operationSeconds = new Histogram({
    name: 'gateway_operation_duration_seconds',
    help: 'Time to answer one GraphQL operation.',
    labelNames: ['operation'],
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  });
  const glueCalls = new Counter({
    name: 'glue_requests_total',
    help: 'HTTP exchanges with Glue by endpoint and outcome (status code, not-sent or no-answer).',
    labelNames: ['endpoint', 'outcome'],
    registers: [registry],
  });
  const glueSeconds = new Histogram({
    name: 'glue_request_duration_seconds',
    help: 'Time of one HTTP exchange with Glue.',
    labelNames: ['endpoint'],
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  });
  const releases = new Counter({
    name: 'pre_order_payment_releases_total',
    help: 'Releases of expired pre-order payments: released, or failed for good (left to an operator).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const mismatches = new Counter({
    name: 'order_payment_mismatches_total',
    help: 'Placed orders whose total differs from their pre-order payment (listed for operators).',
    registers: [registry],
  });
  const lag = new Gauge({
    name: 'release_sweeper_lag_seconds',
    help: 'Store clock minus the oldest due release not yet claimed by a sweeper; 0 when none waits.',
    registers: [registry],
  });
  new Gauge({
    name: 'pre_order_payments_needing_attention',
    help: 'Pre-order payments an operator must look at (unknown order outcome, failed or overdue release, stale placement, order total mismatch).',
    registers: [registry],
    async collect() {
      const count = await options.needingAttention();
      if (count !== null) this.set(count);
    },
  });
  // Every label value exists from the start, so a rate() over a fresh process sees zeros, not gaps.
  releases.inc({ outcome: 'released' }, 0);
  releases.inc({ outcome: 'failed' }, 0);

  return {
    registry,
    contentType: registry.contentType,
    text: () => registry.metrics(),
    operation({ operation, result, seconds }) {
      operations.inc({ operation, result });
      operationSeconds.observe({ operation }, seconds);
    },
    glueCall({ endpoint, outcome, seconds }) {
      glueCalls.inc({ endpoint, outcome });
      glueSeconds.observe({ endpoint }, seconds);
    },
    release(outcome) {
      releases.inc({ outcome });
    },
    sweeperLag(seconds) {
      lag.set(seconds);
    },
    orderPaymentMismatch() {
      mismatches.inc();
    },
  };
}
