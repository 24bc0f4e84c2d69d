import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { RedisAddress, RedisTarget } from './adapters/store/redis-client.ts';

/** count/seconds, e.g. `10/600`. */
const rateLimit = z
  .string()
  .regex(/^\d+\/\d+$/, 'expected count/seconds, e.g. 10/600')
  .transform((value) => {
    const [count, seconds] = value.split('/').map(Number) as [number, number];
    return { count, windowSeconds: seconds };
  })
  .refine((limit) => limit.count > 0 && limit.windowSeconds > 0, 'count and seconds must be positive');

const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);

const bool = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/** `false`, a hop count, or a comma list of CIDRs whose X-Forwarded-For is believed. */
const trustProxy = z.string().transform((value, ctx) => {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === 'false') return { kind: 'none' as const };
  if (/^\d+$/.test(trimmed)) return { kind: 'hops' as const, hops: Number(trimmed) };
  const cidrs = trimmed.split(',').map((part) => part.trim());
  for (const cidr of cidrs) {
    const [address, bits] = cidr.split('/');
    if (!address || isIP(address) === 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
      ctx.addIssue({ code: 'custom', message: `not a CIDR: ${cidr}` });
      return z.NEVER;
    }
  }
  return { kind: 'cidrs' as const, cidrs };
});

const url = (protocols: readonly string[]) =>
  z
    .string()
    .url()
    .refine(
      (value) => URL.canParse(value) && protocols.includes(new URL(value).protocol),
      `must start with ${protocols.join(' or ')}`,
    );

/** `host:port` (an IPv6 host in brackets); null when it is not one. */
function address(text: string): RedisAddress | null {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[3]);
  const host = match?.[1] ?? match?.[2];
  return host && port >= 1 && port <= 65535 ? { host, port } : null;
}

/** A comma list of `host:port`; the string is what is wrong with it. */
function addresses(list: string): readonly RedisAddress[] | string {
  const parts = list.split(',').filter((part) => part.trim() !== '');
  if (parts.length === 0) return 'expected host:port,host:port,...';
  const parsed = parts.map(address);
  const bad = parts.find((_, index) => parsed[index] === null);
  return bad === undefined ? (parsed as RedisAddress[]) : `not host:port: ${bad.trim()}`;
}

const SENTINEL_URL = /^redis\+sentinel:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/@]+)\/([^/?#]+)\/?$/;

/**
 * `redis://`, `rediss://`, or `redis+sentinel://[[user]:password@]host:port[,host:port...]/<master name>`
 * (the credentials are the master's; the Sentinels are asked without).
 */
const redisUrl = z.string().transform((value, ctx): { raw: string; target: RedisTarget } => {
  const sentinel = SENTINEL_URL.exec(value);
  if (value.startsWith('redis+sentinel:')) {
    const sentinels = sentinel?.[3] === undefined ? 'expected host:port' : addresses(sentinel[3]);
    if (!sentinel?.[4] || typeof sentinels === 'string') {
      ctx.addIssue({
        code: 'custom',
        message: `expected redis+sentinel://[[user]:password@]host:port[,host:port...]/<master name>${typeof sentinels === 'string' ? ` (${sentinels})` : ''}`,
      });
      return z.NEVER;
    }
    const decoded = (part: string | undefined) => (part ? decodeURIComponent(part) : null);
    return {
      raw: value,
      target: {
        kind: 'sentinel',
        sentinels,
        name: decodeURIComponent(sentinel[4]),
        username: decoded(sentinel[1]),
        password: decoded(sentinel[2]),
      },
    };
  }
  if (!URL.canParse(value) || !['redis:', 'rediss:'].includes(new URL(value).protocol)) {
    ctx.addIssue({ code: 'custom', message: 'must start with redis:, rediss: or redis+sentinel:' });
    return z.NEVER;
  }
  return { raw: value, target: { kind: 'server', url: value } };
});

const clusterNodes = z.string().transform((value, ctx): RedisTarget => {
  const nodes = addresses(value);
  if (typeof nodes !== 'string') return { kind: 'cluster', nodes };
  ctx.addIssue({ code: 'custom', message: nodes });
  return z.NEVER;
});

const schema = z
  .object({
    NODE_ENV: z.string().default('development'),
    PORT: int(0, 65535).default(4000),
    HOST: z.string().default('0.0.0.0'),
    GLUE_BASE_URL: url(['http:', 'https:']).optional(),
    SANDBOX_PORT: int(0, 65535).default(0),
    REDIS_URL: redisUrl.optional(),
    /** Startup nodes of a Redis Cluster, `host:port,host:port,...`; instead of REDIS_URL. */
    REDIS_CLUSTER_NODES: clusterNodes.optional(),
    /** Replicas that must acknowledge a durable write; unset: 1 while the master has a replica, else 0. */
    REDIS_MIN_REPLICAS_ACK: int(0, 16).optional(),
    /** Put before every key, so gateways of several environments (or test stacks) can share one Redis. */
    REDIS_KEY_PREFIX: z
      .string()
      .max(64)
      .regex(/^[^{}\s]*$/, 'must not contain "{", "}" or spaces (braces would become the hash tag)')
      .default(''),
    PRE_ORDER_PAYMENT_TTL_SECONDS: int(1).default(1800),
    SWEEP_INTERVAL_MS: int(100).default(1000),
    RELEASE_MAX_ATTEMPTS: int(1).default(5),
    /** The first wait after a failed release; doubling, with jitter, up to 5 minutes. */
    RELEASE_BACKOFF_MS: int(10).default(2000),
    GLUE_TIMEOUT_MS: int(100).default(10000),
    PLACEMENT_LEASE_MS: int(1000).default(30000),
    IDEMPOTENCY_TTL_SECONDS: int(1).default(86400),
    IDEMPOTENCY_WAIT_MS: int(0, 60000).default(2000),
    RATE_LIMIT_INIT_PER_CART: rateLimit.prefault('10/600'),
    RATE_LIMIT_INIT_PER_CLIENT: rateLimit.prefault('30/60'),
    RATE_LIMIT_PLACE_PER_PAYMENT: rateLimit.prefault('10/600'),
    TRUST_PROXY: trustProxy.prefault('false'),
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      ),
    MAX_BODY_BYTES: int(1024).default(65536),
    GRAPHQL_INTROSPECTION: bool.optional(),
    OPS_TOKEN: z.string().min(16).optional(),
    /** Where outcomes the store could not take wait (docs/place-order.md item 10); relative to the working directory. */
    OUTBOX_DIR: z.string().default('.outbox'),
    /** Turns tracing on (OTLP over HTTP); the exporter itself reads the other OTEL_EXPORTER_OTLP_* variables. */
    OTEL_EXPORTER_OTLP_ENDPOINT: url(['http:', 'https:']).optional(),
    OTEL_SERVICE_NAME: z.string().min(1).default('headless-payment-gateway'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Key of the owner-key HMAC (docs/identity-and-ownership.md); the same on every instance. */
    OWNER_KEY_SECRET: z.string().min(32).optional(),
    /** Test-only fault hook: pause between taking a placement and recording "checkout sent". */
    TEST_HOLD_BEFORE_CHECKOUT_SENT_MS: int(0, 600000).default(0),
    /** Test-only fault hook: pause a sweeper between claiming due payments and releasing them. */
    TEST_HOLD_AFTER_CLAIM_MS: int(0, 600000).default(0),
    /** Test-only: this process's clock runs this far ahead (or behind); leases must not care (Redis TIME). */
    TEST_CLOCK_OFFSET_MS: int(-86_400_000, 86_400_000).default(0),
  })
  .superRefine((env, ctx) => {
    if (env.PLACEMENT_LEASE_MS < env.GLUE_TIMEOUT_MS + 5000) {
      ctx.addIssue({
        code: 'custom',
        path: ['PLACEMENT_LEASE_MS'],
        message: 'must exceed GLUE_TIMEOUT_MS by at least 5000',
      });
    }
    if (env.REDIS_URL && env.REDIS_CLUSTER_NODES) {
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_CLUSTER_NODES'],
        message: 'must not be set together with REDIS_URL (one Redis: a server, a Sentinel set or a cluster)',
      });
    }
    if (env.NODE_ENV === 'production') {
      for (const name of ['GLUE_BASE_URL', 'REDIS_URL', 'OWNER_KEY_SECRET'] as const) {
        // A cluster stands in for REDIS_URL.
        if (name === 'REDIS_URL' && env.REDIS_CLUSTER_NODES) continue;
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required in production' });
      }
      for (const hook of [
        'TEST_HOLD_BEFORE_CHECKOUT_SENT_MS',
        'TEST_HOLD_AFTER_CLAIM_MS',
        'TEST_CLOCK_OFFSET_MS',
      ] as const) {
        if (env[hook] !== 0)
          ctx.addIssue({ code: 'custom', path: [hook], message: 'is a test hook, refused in production' });
      }
    }
  });

/** Used only outside production, where a missing secret would otherwise stop a first `npm start`. */
const DEVELOPMENT_OWNER_KEY_SECRET = 'development-only-owner-key-secret-do-not-use';

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof schema>) {
  const production = env.NODE_ENV === 'production';
  return {
    production,
    port: env.PORT,
    host: env.HOST,
    glueBaseUrl: env.GLUE_BASE_URL ?? null,
    sandboxPort: env.SANDBOX_PORT,
    redisUrl: env.REDIS_URL?.raw ?? null,
    /** The Redis to use (REDIS_URL or REDIS_CLUSTER_NODES); null: the in-process store. */
    redis: env.REDIS_CLUSTER_NODES ?? env.REDIS_URL?.target ?? null,
    /** REDIS_MIN_REPLICAS_ACK; null: 1 while the master that takes a durable write has a replica, else 0. */
    redisMinReplicasAck: env.REDIS_MIN_REPLICAS_ACK ?? null,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    preOrderPaymentTtlSeconds: env.PRE_ORDER_PAYMENT_TTL_SECONDS,
    sweepIntervalMs: env.SWEEP_INTERVAL_MS,
    releaseMaxAttempts: env.RELEASE_MAX_ATTEMPTS,
    releaseBackoffMs: env.RELEASE_BACKOFF_MS,
    glueTimeoutMs: env.GLUE_TIMEOUT_MS,
    placementLeaseMs: env.PLACEMENT_LEASE_MS,
    idempotencyTtlSeconds: env.IDEMPOTENCY_TTL_SECONDS,
    idempotencyWaitMs: env.IDEMPOTENCY_WAIT_MS,
    rateLimitInitPerCart: env.RATE_LIMIT_INIT_PER_CART,
    rateLimitInitPerClient: env.RATE_LIMIT_INIT_PER_CLIENT,
    rateLimitPlacePerPayment: env.RATE_LIMIT_PLACE_PER_PAYMENT,
    trustProxy: env.TRUST_PROXY,
    corsOrigins: env.CORS_ORIGINS,
    maxBodyBytes: env.MAX_BODY_BYTES,
    introspection: env.GRAPHQL_INTROSPECTION ?? !production,
    opsToken: env.OPS_TOKEN ?? null,
    outboxDir: resolve(env.OUTBOX_DIR),
    logLevel: env.LOG_LEVEL,
    tracing: env.OTEL_EXPORTER_OTLP_ENDPOINT
      ? { endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: env.OTEL_SERVICE_NAME }
      : null,
    ownerKeySecret: env.OWNER_KEY_SECRET ?? DEVELOPMENT_OWNER_KEY_SECRET,
    usesDevelopmentOwnerKeySecret: env.OWNER_KEY_SECRET === undefined,
    holdBeforeCheckoutSentMs: env.TEST_HOLD_BEFORE_CHECKOUT_SENT_MS,
    holdAfterClaimMs: env.TEST_HOLD_AFTER_CLAIM_MS,
    clockOffsetMs: env.TEST_CLOCK_OFFSET_MS,
  } as const;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

/** Validates the environment; on failure one clear line naming every bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): ConfigResult {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(blankless);
  if (parsed.success) return { ok: true, config: toConfig(parsed.data) };
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`);
  return { ok: false, message: `invalid configuration: ${problems.join('; ')}` };
}
