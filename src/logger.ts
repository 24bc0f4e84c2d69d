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

/** What every line of the gateway carries, whichever logger writes it. */
const LINE_SHAPE = { base: { service: 'payment-gateway' }, timestamp: pino.stdTimeFunctions.isoTime };

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
  const options = { ...LINE_SHAPE, level, redact: { paths, censor: '[redacted]' } };
  // Synchronous: pino's default stdout writes asynchronously, and lines still in flight when an
  // uncaught error ends the process are lost (test/flow/access-log-output.test.ts).
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }));
}

/**
 * The access log (one line per request) written to stdout in blocks of about 4 KB, and at least
 * every 100 ms: a write per line was 5 % of the gateway's CPU under load (`npm run bench`
 * profile). Each block is one synchronous write of whole lines, so it never splits a line of
 * the logger above, and the rest is written on exit, also after an uncaught error (an
 * asynchronous write still in flight at exit would be lost); a SIGKILL loses at most the last
 * 100 ms of access lines. The other lines stay unbuffered: a warning is out before the answer.
 */
export function createAccessLogger(level: string): PinoLogger {
  return pino({ ...LINE_SHAPE, level }, bufferedStdout());
}

function bufferedStdout(): DestinationStream {
  const out = pino.destination({ dest: 1, sync: true, minLength: 4096, periodicFlush: 100 });
  // Pino flushes on exit only what it writes asynchronously.
  process.on('exit', () => {
    // Logging must not end the process: a stdout that is gone loses lines, nothing else.
    try {
      out.flushSync();
    } catch {}
  });
  return out;
}
