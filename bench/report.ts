import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export interface Figures {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly cpuPerOp: number | null;
  readonly redisPerOp: number | null;
  /** Redis's own CPU per operation, µs (INFO cpu). */
  readonly redisCpuPerOp: number | null;
  readonly gluePerOp: number;
}

export interface Row {
  readonly operation: string;
  readonly connections: number;
  readonly gateway: Figures;
  readonly direct: Figures | null;
  readonly passthrough: Figures | null;
}

/** The gateway at the headline load with this many live pre-order payments in Redis. */
export interface LiveRow {
  readonly live: number;
  readonly operation: string;
  readonly gateway: Figures;
}

/** One gateway process against two sharing the load (round-robin), same Redis and sandbox. */
export interface ScaleRow {
  readonly operation: string;
  readonly connections: number;
  readonly one: Figures;
  readonly two: Figures;
}

/** The gateway's V8 heap (used, total) and the memory outside it, MB. */
export interface HeapFigures {
  readonly heapUsedMb: number;
  readonly heapTotalMb: number;
  readonly externalMb: number;
}

export interface Report {
  readonly rows: readonly Row[];
  readonly live: readonly LiveRow[];
  readonly scale: readonly ScaleRow[];
  /** Commands the gateway sent Redis per operation and the round trips they took (MONITOR; not those scripts run inside Redis). */
  readonly commandsSent: Readonly<Record<string, { readonly commands: number; readonly trips: number }>>;
  readonly headlineConnections: number;
  readonly latencyMs: number;
  readonly seconds: number;
  readonly rounds: number;
  readonly pinned: boolean;
  readonly rssMb: number;
  /** The gateway's V8 heap and the memory outside it at the end, MB. */
  readonly heap: HeapFigures;
  /** The same right after the warm-up, before the measured load. */
  readonly warm: { readonly rssMb: number; readonly heap: HeapFigures };
  readonly durationSeconds: number;
  readonly quick: boolean;
}

/** Targets of issue 9 (gateway on its own core, 50 connections). */
const CPU_TARGET_US: Record<string, number> = { initialize: 400, placeOrder: 400, reinitialize: 300, query: 200 };

const ratio = (a: number, b: number | null | undefined) => (b ? (a / b).toFixed(2) : '–');
const fixed = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);

function versionOf(name: string): string {
  try {
    return (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

export function renderReport(report: Report): string {
  const headline = report.rows.filter((row) => row.connections === report.headlineConnections);
  const unloaded = report.rows.filter((row) => row.connections === 1);
  const lines: string[] = [];
  lines.push('# Benchmarks', '');
  lines.push(
    `Written by \`npm run bench\`${report.quick ? ' (BENCH_QUICK=1: short windows, one round)' : ''} on ${new Date().toISOString().slice(0, 10)} in ${Math.round(report.durationSeconds)} s.`,
    '',
  );
  lines.push(
    `- Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}`,
    `- Libraries: graphql ${versionOf('graphql')}, graphql-yoga ${versionOf('graphql-yoga')}, @pothos/core ${versionOf('@pothos/core')}, ioredis ${versionOf('ioredis')}, undici ${versionOf('undici')}`,
    `- Glue: the sandbox with ${report.latencyMs} ms added to every call; Redis: an own redis-server; windows of ${report.seconds} s, closed loop, ${report.rounds} round(s) at ${report.headlineConnections} connections (medians)`,
    `- ${report.pinned ? 'Gateway pinned to CPU 1 alone; load generator, sandbox and Redis on CPU 0 (taskset)' : 'taskset unavailable: nothing pinned'}`,
    '- "direct" is our Glue client making exactly the calls the gateway makes for the operation (the limit); CPU is the gateway process\'s (procfs); Redis commands count every command Redis ran, those inside scripts too',
    '',
  );
  lines.push(`## At ${report.headlineConnections} connections`, '');
  lines.push(
    '| operation | gateway req/s | direct req/s | passthrough req/s | req/s ÷ direct | req/s ÷ passthrough | p50 ms (÷ direct, ÷ passthrough) | p99 ms (÷ direct, ÷ passthrough) | CPU µs/op gateway (passthrough) | Redis CPU µs/op | Redis round trips/op | Redis commands sent/op (run, scripts included) | Glue calls/op |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const row of headline) {
    const { gateway: g, direct: d, passthrough: t } = row;
    const sent = report.commandsSent[row.operation];
    lines.push(
      `| ${row.operation} | ${fixed(g.rps, 0)} | ${fixed(d?.rps, 0)} | ${fixed(t?.rps, 0)} | ${ratio(g.rps, d?.rps)} | ${ratio(g.rps, t?.rps)} | ${fixed(g.p50, 1)} (${ratio(g.p50, d?.p50)}, ${ratio(g.p50, t?.p50)}) | ${fixed(g.p99, 1)} (${ratio(g.p99, d?.p99)}, ${ratio(g.p99, t?.p99)}) | ${fixed(g.cpuPerOp, 0)} (${fixed(t?.cpuPerOp, 0)}) | ${fixed(g.redisCpuPerOp, 0)} | ${fixed(sent?.trips, 1)} | ${fixed(sent?.commands, 1)} (${fixed(g.redisPerOp, 1)}) | ${fixed(g.gluePerOp, 1)} |`,
    );
  }
  lines.push('', '## Unloaded (1 connection): added p50 over direct', '');
  lines.push(
    '| operation | gateway p50 ms | direct p50 ms | passthrough p50 ms | gateway added ms | passthrough added ms |',
    '|---|---|---|---|---|---|',
  );
  for (const row of unloaded) {
    const { gateway: g, direct: d, passthrough: t } = row;
    lines.push(
      `| ${row.operation} | ${fixed(g.p50)} | ${fixed(d?.p50)} | ${fixed(t?.p50)} | ${d ? fixed(g.p50 - d.p50) : '–'} | ${d && t ? fixed(t.p50 - d.p50) : '–'} |`,
    );
  }
  lines.push('', '## By connections', '');
  lines.push(
    '| operation | connections | gateway req/s | direct req/s | p50 ms | p99 ms | CPU µs/op |',
    '|---|---|---|---|---|---|---|',
  );
  for (const row of report.rows) {
    lines.push(
      `| ${row.operation} | ${row.connections} | ${fixed(row.gateway.rps, 0)} | ${fixed(row.direct?.rps, 0)} | ${fixed(row.gateway.p50, 1)} | ${fixed(row.gateway.p99, 1)} | ${fixed(row.gateway.cpuPerOp, 0)} |`,
    );
  }
  const levels = [...new Set(report.rows.map((row) => row.connections))];
  const placeRows = report.rows.filter((row) => row.operation === 'placeOrder');
  lines.push(
    '',
    '```mermaid',
    'xychart-beta',
    '  title "placeOrder req/s by connections (bar: gateway, line: direct)"',
  );
  lines.push(`  x-axis [${levels.join(', ')}]`, '  y-axis "req/s"');
  lines.push(`  bar [${placeRows.map((row) => Math.round(row.gateway.rps)).join(', ')}]`);
  lines.push(`  line [${placeRows.map((row) => Math.round(row.direct?.rps ?? 0)).join(', ')}]`, '```', '');
  lines.push(`## With live pre-order payments in Redis (${report.headlineConnections} connections)`, '');
  lines.push('| live payments | operation | req/s | p50 ms | p99 ms | CPU µs/op |', '|---|---|---|---|---|---|');
  for (const row of report.live) {
    const g = row.gateway;
    lines.push(
      `| ${row.live.toLocaleString('en')} | ${row.operation} | ${fixed(g.rps, 0)} | ${fixed(g.p50, 1)} | ${fixed(g.p99, 1)} | ${fixed(g.cpuPerOp, 0)} |`,
    );
  }
  lines.push('', '## One gateway process against two', '');
  lines.push(
    'Both processes share CPU 1 (the other core carries the load generator, the sandbox and Redis), so the ratio shows what splitting the work over processes on one Redis costs, not what a second core adds. Scale-out capacity: each gateway process serves about its one-process figure per core, and Redis spends the "Redis CPU µs/op" of the table above on each operation, so one Redis core carries about 1,000,000 ÷ that operations per second across all processes.',
    '',
    '| operation | connections | 1 process req/s | 2 processes req/s | ratio | p50 ms 1 → 2 |',
    '|---|---|---|---|---|---|',
  );
  for (const row of report.scale) {
    lines.push(
      `| ${row.operation} | ${row.connections} | ${fixed(row.one.rps, 0)} | ${fixed(row.two.rps, 0)} | ${ratio(row.two.rps, row.one.rps)} | ${fixed(row.one.p50, 1)} → ${fixed(row.two.p50, 1)} |`,
    );
  }
  lines.push('');
  lines.push('## Targets', '');
  lines.push('| target | measured | met |', '|---|---|---|');
  for (const row of headline) {
    const { gateway: g, direct: d } = row;
    if (d) {
      lines.push(
        `| ${row.operation} req/s ≥ 0.90 × direct | ${fixed(g.rps / d.rps)} | ${g.rps / d.rps >= 0.9 ? 'yes' : 'no'} |`,
      );
      lines.push(
        `| ${row.operation} p50 ≤ 1.10 × direct | ${fixed(g.p50 / d.p50)} | ${g.p50 / d.p50 <= 1.1 ? 'yes' : 'no'} |`,
      );
      lines.push(
        `| ${row.operation} p99 ≤ 1.6 × direct | ${fixed(g.p99 / d.p99)} | ${g.p99 / d.p99 <= 1.6 ? 'yes' : 'no'} |`,
      );
    }
    const target = CPU_TARGET_US[row.operation];
    if (target !== undefined && g.cpuPerOp !== null) {
      lines.push(
        `| ${row.operation} CPU ≤ ${target} µs/op | ${fixed(g.cpuPerOp, 0)} | ${g.cpuPerOp <= target ? 'yes' : 'no'} |`,
      );
    }
  }
  for (const row of unloaded) {
    if (!row.direct) continue;
    const added = row.gateway.p50 - row.direct.p50;
    lines.push(
      `| ${row.operation} unloaded added p50 ≤ 0.5 ms | ${fixed(added)} ms | ${added <= 0.5 ? 'yes' : 'no'} |`,
    );
  }
  const roundTrips: Record<string, number> = { initialize: 4, placeOrder: 4, reinitialize: 2, query: 2 };
  for (const [operation, sent] of Object.entries(report.commandsSent)) {
    const target = roundTrips[operation];
    if (target === undefined) continue;
    lines.push(
      `| ${operation} ≤ ${target} Redis round trips (a proxy holds each sent chunk 20 ms; MONITOR: commands < 10 ms apart share a trip) | ${fixed(sent.trips, 1)} (${fixed(sent.commands, 1)} commands) | ${sent.trips <= target + 0.05 ? 'yes' : 'no'} |`,
    );
  }
  const mostLive = Math.max(0, ...report.live.map((row) => row.live));
  lines.push(
    `| gateway RSS ≤ 150 MB at the end of the run (${mostLive.toLocaleString('en')} live payments in Redis) | ${fixed(report.rssMb, 0)} MB (V8 heap ${fixed(report.heap.heapUsedMb, 0)} MB used of ${fixed(report.heap.heapTotalMb, 0)}, external ${fixed(report.heap.externalMb, 0)}; after the warm-up: ${fixed(report.warm.rssMb, 0)} MB, heap ${fixed(report.warm.heap.heapUsedMb, 0)} of ${fixed(report.warm.heap.heapTotalMb, 0)}) | ${report.rssMb <= 150 ? 'yes' : 'no'} |`,
    '',
  );
  return `${lines.join('\n')}\n`;
}

export function writeReport(path: string, report: Report): void {
  const notes = existingNotes(path);
  writeFileSync(path, renderReport(report) + notes);
}

/** Hand-written analysis below the marker survives a new run. */
const MARKER = '<!-- notes: kept across runs -->';
function existingNotes(path: string): string {
  try {
    const text = readFileSync(path, 'utf8');
    const at = text.indexOf(MARKER);
    return at >= 0 ? `\n${text.slice(at)}` : `\n${MARKER}\n`;
  } catch {
    return `\n${MARKER}\n`;
  }
}
