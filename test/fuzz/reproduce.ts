/**
 * Replays one input of a fuzz finding alone, in a fresh server, and optionally minimises it:
 *
 *   node out/test/fuzz/reproduce.js <file> [--request METHOD] [--line L] [--character C] [--deadline MS] [--minimise OUT]
 *
 * The file is opened in an empty workspace (with its name, so its kind is the same); the input
 * fails if the server exits, publishes no diagnostics within the deadline, or does not answer
 * the request (a hover at 0:0 by default) within it. `--minimise` removes line ranges, then
 * shortens long lines, for as long as the input still fails, and writes the result to OUT.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { failureOf, type Probe } from './replay';

/** Line-range removal (halves, quarters… down to single lines), then halving of the longest lines. */
async function minimise(text: string, probe: Probe): Promise<string> {
  let lines = text.split('\n');
  for (let chunk = Math.max(1, Math.floor(lines.length / 2)); chunk >= 1; chunk = Math.floor(chunk / 2)) {
    for (let start = 0; start < lines.length; ) {
      const candidate = [...lines.slice(0, start), ...lines.slice(start + chunk)];
      if (candidate.length < lines.length && (await failureOf(candidate.join('\n'), probe))) {
        lines = candidate;
        console.log(`  ${lines.length} lines`);
      } else start += chunk;
    }
    if (chunk === 1) break;
  }
  for (let round = 0; round < 20; round++) {
    const longest = lines.reduce((best, line, index) => (line.length > lines[best]!.length ? index : best), 0);
    const line = lines[longest]!;
    if (line.length < 80) break;
    const candidate = [...lines];
    candidate[longest] = line.slice(0, Math.ceil(line.length / 2));
    if (!(await failureOf(candidate.join('\n'), probe))) break;
    lines = candidate;
    console.log(`  line ${longest + 1} shortened to ${candidate[longest]!.length} characters`);
  }
  return lines.join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  const file = args.find((arg, index) => !arg.startsWith('--') && (index === 0 || !args[index - 1]!.startsWith('--')));
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at === -1 ? undefined : args[at + 1];
  };
  if (!file) {
    console.error('usage: node out/test/fuzz/reproduce.js <file> [--request METHOD] [--line L] [--character C] [--deadline MS] [--minimise OUT]');
    process.exitCode = 2;
    return;
  }
  const probe: Probe = { name: path.basename(file), method: option('--request') ?? 'textDocument/hover', line: Number(option('--line') ?? 0), character: Number(option('--character') ?? 0), deadlineMs: Number(option('--deadline') ?? 10_000) };
  const text = fs.readFileSync(file, 'utf8');
  const failure = await failureOf(text, probe);
  console.log(failure ? `fails: ${failure}` : 'does not fail');
  const out = option('--minimise');
  if (failure && out) {
    const minimal = await minimise(text, probe);
    fs.writeFileSync(out, minimal);
    console.log(`minimised to ${minimal.length} characters: ${out}; fails: ${await failureOf(minimal, probe)}`);
  }
  process.exitCode = failure ? 1 : 0;
}

void main();
