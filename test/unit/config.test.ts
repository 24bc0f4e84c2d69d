import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

describe('configuration', () => {
  it('starts with the documented defaults when nothing is configured', () => {
    const loaded = loadConfig({});
    if (!loaded.ok) throw new Error(loaded.message);
    expect(loaded.config).toMatchObject({
      port: 4000,
      glueBaseUrl: null,
      redisUrl: null,
      preOrderPaymentTtlSeconds: 1800,
      glueTimeoutMs: 10000,
      placementLeaseMs: 30000,
      idempotencyTtlSeconds: 86400,
      idempotencyWaitMs: 2000,
      rateLimitInitPerCart: { count: 10, windowSeconds: 600 },
      rateLimitInitPerClient: { count: 30, windowSeconds: 60 },
      trustProxy: { kind: 'none' },
      corsOrigins: [],
      maxBodyBytes: 65536,
      introspection: true,
      logLevel: 'info',
    });
  });

  it('refuses production without GLUE_BASE_URL, REDIS_URL and OWNER_KEY_SECRET, naming each', () => {
    const loaded = loadConfig({ NODE_ENV: 'production' });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.message).toMatch(/GLUE_BASE_URL: is required in production/);
    expect(loaded.message).toMatch(/REDIS_URL: is required in production/);
    expect(loaded.message).toMatch(/OWNER_KEY_SECRET: is required in production/);
    expect(loaded.message.split('\n')).toHaveLength(1);
  });

  it('turns introspection off in production unless asked', () => {
    const base = {
      NODE_ENV: 'production',
      GLUE_BASE_URL: 'https://glue.example.com',
      REDIS_URL: 'redis://127.0.0.1:6379',
      OWNER_KEY_SECRET: 'x'.repeat(32),
    };
    const off = loadConfig(base);
    const on = loadConfig({ ...base, GRAPHQL_INTROSPECTION: 'true' });
    expect(off.ok && off.config.introspection).toBe(false);
    expect(on.ok && on.config.introspection).toBe(true);
  });

  it('refuses a placement lease that does not exceed the Glue timeout by 5 s', () => {
    const loaded = loadConfig({ GLUE_TIMEOUT_MS: '10000', PLACEMENT_LEASE_MS: '14999' });
    expect(loaded.ok ? '' : loaded.message).toMatch(/PLACEMENT_LEASE_MS/);
  });

  it.each([
    ['PORT', 'eighty'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['GLUE_BASE_URL', 'not a url'],
    ['RATE_LIMIT_INIT_PER_CART', '10'],
    ['RATE_LIMIT_INIT_PER_CLIENT', '0/60'],
    ['TRUST_PROXY', 'somewhere'],
    ['LOG_LEVEL', 'loud'],
    ['GRAPHQL_INTROSPECTION', 'maybe'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'collector:4318'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'grpc://collector:4317'],
  ])('stops with one line naming %s when it is %s', (name, value) => {
    const loaded = loadConfig({ [name]: value });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.message).toContain(name);
  });

  it('parses TRUST_PROXY as a hop count or a CIDR list and CORS_ORIGINS as a list', () => {
    const hops = loadConfig({ TRUST_PROXY: '2', CORS_ORIGINS: 'https://shop.example.com, https://m.example.com' });
    expect(hops.ok && hops.config.trustProxy).toEqual({ kind: 'hops', hops: 2 });
    expect(hops.ok && hops.config.corsOrigins).toEqual(['https://shop.example.com', 'https://m.example.com']);
    const cidrs = loadConfig({ TRUST_PROXY: '10.0.0.0/8,::1' });
    expect(cidrs.ok && cidrs.config.trustProxy).toEqual({ kind: 'cidrs', cidrs: ['10.0.0.0/8', '::1'] });
  });

  it('refuses the test-only placement hook in production', () => {
    const loaded = loadConfig({
      NODE_ENV: 'production',
      GLUE_BASE_URL: 'https://glue.example.com',
      REDIS_URL: 'redis://127.0.0.1:6379',
      OWNER_KEY_SECRET: 'x'.repeat(32),
      TEST_HOLD_BEFORE_CHECKOUT_SENT_MS: '100',
    });
    expect(loaded.ok ? '' : loaded.message).toMatch(/TEST_HOLD_BEFORE_CHECKOUT_SENT_MS/);
  });

  it('keeps the outbox in .outbox under the working directory unless OUTBOX_DIR says where (relative or absolute)', () => {
    const byDefault = loadConfig({});
    expect(byDefault.ok && byDefault.config.outboxDir).toBe(join(process.cwd(), '.outbox'));
    const relative = loadConfig({ OUTBOX_DIR: 'var/outbox' });
    expect(relative.ok && relative.config.outboxDir).toBe(join(process.cwd(), 'var/outbox'));
    const absolute = loadConfig({ OUTBOX_DIR: '/var/lib/gateway/outbox' });
    expect(absolute.ok && absolute.config.outboxDir).toBe('/var/lib/gateway/outbox');
  });

  it('traces only when OTEL_EXPORTER_OTLP_ENDPOINT is set, as OTEL_SERVICE_NAME or the gateway by default', () => {
    const off = loadConfig({ OTEL_SERVICE_NAME: 'checkout-gateway' });
    expect(off.ok && off.config.tracing).toBeNull();
    const on = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' });
    expect(on.ok && on.config.tracing).toEqual({
      endpoint: 'http://collector:4318',
      serviceName: 'headless-payment-gateway',
    });
    const named = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otlp.example.com', OTEL_SERVICE_NAME: 'gw-eu' });
    expect(named.ok && named.config.tracing).toEqual({ endpoint: 'https://otlp.example.com', serviceName: 'gw-eu' });
  });

  it('runs on a Redis Cluster with REDIS_CLUSTER_NODES, a server with REDIS_URL, never both', () => {
    const cluster = loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-2.internal:7001,[::1]:7002' });
    expect(cluster.ok && cluster.config.redis).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: 'redis-2.internal', port: 7001 },
        { host: '::1', port: 7002 },
      ],
    });
    const server = loadConfig({ REDIS_URL: 'rediss://cache.internal:6380/2' });
    expect(server.ok && server.config.redis).toEqual({ kind: 'server', url: 'rediss://cache.internal:6380/2' });
    const unset = loadConfig({});
    expect(unset.ok && unset.config.redis).toBeNull();

    const both = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_CLUSTER_NODES: '127.0.0.1:7000' });
    expect(both.ok ? '' : both.message).toMatch(/REDIS_CLUSTER_NODES: must not be set together with REDIS_URL/);
    for (const bad of ['127.0.0.1', '127.0.0.1:0', 'a:1,,b', 'host:99999', ' , ']) {
      const loaded = loadConfig({ REDIS_CLUSTER_NODES: bad });
      expect(loaded.ok ? '' : loaded.message, bad).toMatch(/^invalid configuration: REDIS_CLUSTER_NODES: /);
    }
    const production = {
      NODE_ENV: 'production',
      GLUE_BASE_URL: 'https://glue.example.com',
      OWNER_KEY_SECRET: 'x'.repeat(32),
    };
    expect(loadConfig({ ...production, REDIS_CLUSTER_NODES: '10.0.0.1:7000' }).ok).toBe(true);
  });

  it('reads a Sentinel set from REDIS_URL=redis+sentinel://[[user]:password@]host:port,.../<master name>', () => {
    const plain = loadConfig({ REDIS_URL: 'redis+sentinel://10.0.0.1:26379,10.0.0.2:26379/payments' });
    expect(plain.ok && plain.config.redis).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: '10.0.0.2', port: 26379 },
      ],
      name: 'payments',
      username: null,
      password: null,
    });
    const credentials = loadConfig({ REDIS_URL: 'redis+sentinel://gateway:p%40ss@sentinel.internal:26379/payments' });
    expect(credentials.ok && credentials.config.redis).toMatchObject({
      sentinels: [{ host: 'sentinel.internal', port: 26379 }],
      username: 'gateway',
      password: 'p@ss',
    });
    const passwordOnly = loadConfig({ REDIS_URL: 'redis+sentinel://:secret@10.0.0.1:26379/payments' });
    expect(passwordOnly.ok && passwordOnly.config.redis).toMatchObject({ username: null, password: 'secret' });
    for (const bad of [
      'redis+sentinel://10.0.0.1:26379',
      'redis+sentinel://10.0.0.1/payments',
      'redis+sentinel:///x',
    ]) {
      const loaded = loadConfig({ REDIS_URL: bad });
      expect(loaded.ok ? '' : loaded.message, bad).toMatch(/REDIS_URL: expected redis\+sentinel:\/\//);
    }
  });

  it('asks durable writes for REDIS_MIN_REPLICAS_ACK replicas; unset: decided per master (null)', () => {
    const byDefault = loadConfig({});
    expect(byDefault.ok && byDefault.config.redisMinReplicasAck).toBeNull();
    const two = loadConfig({ REDIS_MIN_REPLICAS_ACK: '2' });
    expect(two.ok && two.config.redisMinReplicasAck).toBe(2);
    const none = loadConfig({ REDIS_MIN_REPLICAS_ACK: '0' });
    expect(none.ok && none.config.redisMinReplicasAck).toBe(0);
    const bad = loadConfig({ REDIS_MIN_REPLICAS_ACK: 'one' });
    expect(bad.ok ? '' : bad.message).toMatch(/REDIS_MIN_REPLICAS_ACK/);
  });

  it('prefixes every Redis key with REDIS_KEY_PREFIX (default none) and refuses braces, which would become the hash tag', () => {
    const byDefault = loadConfig({});
    expect(byDefault.ok && byDefault.config.redisKeyPrefix).toBe('');
    const staging = loadConfig({ REDIS_KEY_PREFIX: 'staging:' });
    expect(staging.ok && staging.config.redisKeyPrefix).toBe('staging:');
    const braces = loadConfig({ REDIS_KEY_PREFIX: '{staging}:' });
    expect(braces.ok ? '' : braces.message).toMatch(/REDIS_KEY_PREFIX/);
  });
});
