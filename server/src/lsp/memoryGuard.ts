import { fullCollector } from '../node/garbageCollector';
import { outputWritten } from './pendingOutput';

/** How often the guard looks at the process's memory. */
const CHECK_INTERVAL_MS = 250;
/** Growth over what the last full collection left that makes another worthwhile, once the server is quiet. */
const GROWTH_BEFORE_COLLECTING = 128 * 1024 * 1024;
/** Growth past which the collection does not wait for quiet any longer. */
const GROWTH_BEFORE_COLLECTING_ANYWAY = 512 * 1024 * 1024;
/** Below this, V8's own pace is fine: no full collection is forced. */
const FLOOR = 256 * 1024 * 1024;

/**
 * V8 sizes its heap to the machine (about 4 GB here) and collects lazily until then: the fuzz tier
 * saw the server hold 3 GB of garbage (every edit re-parses, validators and trees are rebuilt),
 * although what it keeps alive is a few hundred MB. A hard `--max-old-space-size` would crash the
 * server where a large workspace really needs more, and only the launching client can set it; so
 * the server collects itself when its memory has grown well past what the last collection left.
 * A full collection of a large heap pauses the thread for hundreds of milliseconds, so it waits
 * until the server is `quiet` (no key typed for a moment): forced between two keystrokes, it made
 * the diagnostic of the last one wait behind it. Only growth far past the baseline
 * collects whatever the server is doing.
 */
export function startMemoryGuard(log: (message: string) => void, quiet: () => boolean): () => void {
  const collect = fullCollector();
  if (!collect) return () => undefined;
  // This thread's heap: the parser's worker has a heap limit of its own.
  let baseline = process.memoryUsage().heapUsed;
  let collecting = false;
  const timer = setInterval(() => {
    const before = process.memoryUsage().heapUsed;
    if (collecting || !worthCollecting(before, baseline, quiet)) return;
    // Once the diagnostics a check just published are written out: a collection of a large heap
    // (250 ms at 1,000 channels) would hold back the rest of the message (pendingOutput.ts).
    collecting = true;
    void outputWritten().then(() => {
      collecting = false;
      collect();
      baseline = process.memoryUsage().heapUsed;
      log(`memory: collected ${Math.round((before - baseline) / (1024 * 1024))} MB; ${Math.round(baseline / (1024 * 1024))} MB in use`);
    });
  }, CHECK_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Whether a heap of `heapUsed` bytes, `baseline` after the last full collection, should be collected now. */
export function worthCollecting(heapUsed: number, baseline: number, quiet: () => boolean): boolean {
  const growth = heapUsed - baseline;
  if (heapUsed < FLOOR || growth < GROWTH_BEFORE_COLLECTING) return false;
  return growth >= GROWTH_BEFORE_COLLECTING_ANYWAY || quiet();
}
