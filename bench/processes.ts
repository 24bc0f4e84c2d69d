import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** `taskset -c <cpu>` when taskset and that CPU exist, else nothing (the report says so). */
export function pinning(cpu: number): string[] {
  const has = spawnSync('taskset', ['--version']).status === 0;
  return has && cpu < navigator.hardwareConcurrency ? ['taskset', '-c', String(cpu)] : [];
}

/** Starts a child and resolves once a line of its output matches (with that match). */
export function startChild(
  command: readonly string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const [file, ...args] = command;
  if (!file) throw new Error('startChild: empty command');
  const child = spawn(file, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    // Only a tail is kept, and looked at until the ready line came: a gateway writes an access line
    // per request, and matching all of it again per chunk cost the load generator's CPU a lot.
    let output = '';
    let started = false;
    const look = (data: Buffer) => {
      output += data.toString();
      const match = started ? null : output.match(ready);
      output = output.slice(-4000);
      if (match) {
        started = true;
        resolve({ child, match });
      }
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.once('exit', (code) =>
      reject(new Error(`${command.join(' ')} exited with ${code}:\n${output.slice(-2000)}`)),
    );
  });
}

/** CPU time (user + system) a process has used so far, in µs, from procfs. */
export function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1_000_000) / 100;
}

/** Resident set size in MB, from procfs. */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return line ? Number(line[1]) / 1024 : Number.NaN;
}
