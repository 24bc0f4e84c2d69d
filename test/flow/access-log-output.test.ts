import { describe, expect, it } from 'vitest';
import { baseEnv, type ManagedProcess, spawnManaged } from '../support/processes.ts';

/**
 * The access log is buffered stdout (src/logger.ts createAccessLogger): what a process writes
 * through it must still reach its stdout soon, whole, and before the process is gone.
 */
function runLogging(script: string): ManagedProcess {
  const imports = "import { createAccessLogger, createLogger } from './src/logger.ts';";
  return spawnManaged('logging', ['--input-type=module', '-e', `${imports}\n${script}`], baseEnv());
}

const STDERR = '[stderr] ';
const stdoutOf = (run: ManagedProcess) => run.lines.filter((line) => !line.startsWith(STDERR));
const stderrOf = (run: ManagedProcess) => run.lines.filter((line) => line.startsWith(STDERR)).join('\n');

describe('access log output (buffered stdout)', () => {
  it('writes a lone line within a few hundred ms, without waiting for a full block or the exit', async () => {
    const started = performance.now();
    const run = runLogging(`
      const access = createAccessLogger('info');
      access.info({ n: 1 }, 'request');
      setTimeout(() => process.exit(0), 3000);
    `);
    await expect.poll(() => stdoutOf(run).length, { timeout: 2000, interval: 20 }).toBe(1);
    expect(stderrOf(run)).toBe('');
    // The process keeps running for 3 s: the line came from the periodic flush, not from the exit.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(JSON.parse(stdoutOf(run)[0]!)).toMatchObject({ msg: 'request', n: 1 });
    await run.exited;
  });

  it('loses no line and splits none when an uncaught error ends the process, also among synchronous lines', async () => {
    const run = runLogging(`
      const access = createAccessLogger('info');
      const log = createLogger('info');
      for (let n = 0; n < 5000; n += 1) {
        access.info({ n, pad: 'x'.repeat(n % 300) }, 'request');
        if (n % 10 === 0) log.warn({ n }, 'sync');
      }
      setTimeout(() => { throw new Error('boom'); }, 5);
    `);
    expect((await run.exited).code).not.toBe(0);
    expect(stderrOf(run)).toContain('Error: boom');
    const parsed = stdoutOf(run).map((line) => JSON.parse(line) as { msg: string; n: number });
    expect(parsed.filter((line) => line.msg === 'request').map((line) => line.n)).toEqual(
      Array.from({ length: 5000 }, (_, n) => n),
    );
    expect(parsed.filter((line) => line.msg === 'sync')).toHaveLength(500);
  });
});
