import * as fs from 'node:fs';

/**
 * Resident memory of a process and all its descendants, in kB, from /proc (Linux). Worker threads
 * share their process's memory, so they are counted in it; child processes (git) are added.
 * Undefined where /proc is not there or the process is gone.
 */
export function processTreeResidentKb(pid: number): number | undefined {
  const own = residentKb(pid);
  if (own === undefined) return undefined;
  let total = own;
  for (const child of childrenOf(pid)) total += processTreeResidentKb(child) ?? 0;
  return total;
}

function residentKb(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return undefined;
  }
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const listed = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (listed) children.push(...listed.split(/\s+/).map(Number));
    }
  } catch {
    // Gone while we looked: it has no children any more.
  }
  return children;
}
