import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * The access log is buffered stdout (src/logger.ts createAccessLogger): what a process writes
 * through it must still reach its stdout soon, whole, and before the process is gone.
 */
interface Run {
  readonly lines: Array<{ at: number; text: string }>;
  readonly stderr: () => string;
  readonly done: Promise<number | null>;
}

function runLogging(script: string): Run {
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', `import { createAccessLogger, createLogger } from './src/logger.ts';\n${script}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: Array<{ at: number; text: string }> = [];
  let rest = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    for (const text of parts) lines.push({ at: performance.now(), text });
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const done = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { lines, stderr: () => stderr, done };
}

describe('access log output (buffered stdout)', () => {
  it('writes a lone line within a few hundred ms, without waiting for a full block or the exit', async () => {
    const started = performance.now();
    const run = runLogging(`
      const access = createAccessLogger('info');
      access.info({ n: 1 }, 'request');
      setTimeout(() => process.exit(0), 3000);
    `);
    await expect.poll(() => run.lines.length, { timeout: 2000, interval: 20 }).toBe(1);
    expect(run.stderr()).toBe('');
    // The process keeps running for 3 s: the line came from the periodic flush, not from the exit.
    expect(run.lines[0]!.at - started).toBeLessThan(2000);
    expect(JSON.parse(run.lines[0]!.text)).toMatchObject({ msg: 'request', n: 1 });
    await run.done;
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
    expect(await run.done).not.toBe(0);
    expect(run.stderr()).toContain('Error: boom');
    const parsed = run.lines.map((line) => JSON.parse(line.text) as { msg: string; n: number });
    expect(parsed.filter((line) => line.msg === 'request').map((line) => line.n)).toEqual(
      Array.from({ length: 5000 }, (_, n) => n),
    );
    expect(parsed.filter((line) => line.msg === 'sync')).toHaveLength(500);
  });
});
