/**
 * Summarises a V8 .cpuprofile (from `--cpu-prof`): the functions with the most self time and
 * the most inclusive time. `node out/bench/profileSummary.js FILE.cpuprofile [--top N] [--filter TEXT]`
 * (--filter keeps only samples whose stack contains a function or URL matching TEXT).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  name: string;
  ms: number;
  percent: number;
}

export function summariseProfile(profile: Profile, top = 25, filter?: string) {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const label = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? `${path.basename(url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
    return `${functionName || '(anonymous)'}${file ? ` ${file}` : ''}`;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  const matcher = filter?.toLowerCase();
  for (let index = 0; index < profile.samples.length; index++) {
    const delta = (profile.timeDeltas[index + 1] ?? profile.timeDeltas[index] ?? 0) / 1000;
    let id: number | undefined = profile.samples[index]!;
    const stack: ProfileNode[] = [];
    while (id !== undefined) {
      const node = byId.get(id);
      if (!node) break;
      stack.push(node);
      id = parent.get(id);
    }
    if (matcher && !stack.some((node) => `${node.callFrame.functionName} ${node.callFrame.url}`.toLowerCase().includes(matcher))) continue;
    const leaf = stack[0];
    if (!leaf || leaf.callFrame.functionName === '(idle)') continue;
    total += delta;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + delta);
    for (const name of new Set(stack.map(label))) inclusive.set(name, (inclusive.get(name) ?? 0) + delta);
  }
  const rank = (map: Map<string, number>): ProfileLine[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), percent: total > 0 ? Math.round((ms / total) * 1000) / 10 : 0 }));
  return { busyMs: Math.round(total), wallMs: Math.round((profile.endTime - profile.startTime) / 1000), self: rank(self), inclusive: rank(inclusive) };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const file = args.find((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--top' && args[index - 1] !== '--filter');
  if (!file) {
    console.error('usage: node out/bench/profileSummary.js FILE.cpuprofile [--top N] [--filter TEXT]');
    process.exit(2);
  }
  const topIndex = args.indexOf('--top');
  const filterIndex = args.indexOf('--filter');
  const summary = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as Profile, topIndex >= 0 ? Number(args[topIndex + 1]) : 25, filterIndex >= 0 ? args[filterIndex + 1] : undefined);
  console.log(`${file}: ${summary.busyMs} ms busy of ${summary.wallMs} ms`);
  console.log('\nself time:');
  for (const line of summary.self) console.log(`  ${String(line.ms).padStart(7)} ms ${String(line.percent).padStart(5)}%  ${line.name}`);
  console.log('\ninclusive time:');
  for (const line of summary.inclusive) console.log(`  ${String(line.ms).padStart(7)} ms ${String(line.percent).padStart(5)}%  ${line.name}`);
}
