/**
 * Where a `--cpu-prof` profile's time went, by owner: each npm package, Node's own modules, our
 * src folders, and V8 (GC, compiled code outside any script). Usage:
 *   node bench/profile-summary.ts bench/profiles/<file>.cpuprofile [top functions, default 15]
 * Self time only (a function's own samples), so the shares add up to 100 % of the busy time.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [path, topArg] = process.argv.slice(2);
if (!path) {
  console.error('usage: node bench/profile-summary.ts <file.cpuprofile> [top]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));

/** Microseconds of self time per profile node, from the sample stream. */
const selfUs = new Map<number, number>();
profile.samples.forEach((id, index) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});

function owner(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? `v8 ${functionName}` : 'v8 (native)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + '/node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? url);
  }
  if (url.startsWith('node:')) return `node ${url.replace(/^node:(internal\/)?/, '').split('/')[0]}`;
  const src = url.indexOf('/src/');
  if (src >= 0) return `ours src/${url.slice(src + 5).split('/')[0]}`;
  return url;
}

const byOwner = new Map<string, number>();
const byFunction = new Map<string, number>();
let busy = 0;
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (!node || node.callFrame.functionName === '(idle)') continue;
  busy += us;
  const who = owner(node);
  byOwner.set(who, (byOwner.get(who) ?? 0) + us);
  const file = node.callFrame.url.split('/').slice(-2).join('/');
  const name = `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + us);
}

const share = (us: number) => `${((100 * us) / busy).toFixed(1)} %`;
const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
console.log(`busy ${(busy / 1e6).toFixed(2)} s (idle excluded)\n\n| owner | self time |\n|---|---|`);
for (const [who, us] of sorted(byOwner)) if (us / busy >= 0.005) console.log(`| ${who} | ${share(us)} |`);
console.log('\n| function | self time |\n|---|---|');
for (const [name, us] of sorted(byFunction).slice(0, Number(topArg ?? 15))) console.log(`| ${name} | ${share(us)} |`);
