import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';

/** Field names whose values never reach a log line in clear (docs/errors.md), at any depth we log. */
const ALWAYS_SECRET = [
  'authorization',
  'accessToken',
  'anonymousId',
  'x-anonymous-customer-unique-id',
  'clientSecret',
  'token',
  'password',
  'refreshToken',
  'preOrderPaymentData',
];

export function createLogger(
  level: string,
  extraSecretFields: readonly string[] = [],
  destination?: DestinationStream,
): PinoLogger {
  const names = [...new Set([...ALWAYS_SECRET, ...extraSecretFields])];
  const paths = names.flatMap((name) => {
    const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : `["${name}"]`;
    const dotted = key.startsWith('[') ? key : `.${key}`;
    return [key, `*${dotted}`, `*.*${dotted}`, `*.*.*${dotted}`];
  });
  const options = {
    level,
    base: { service: 'payment-gateway' },
    redact: { paths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
