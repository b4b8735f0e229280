import { fullCollector } from '../node/garbageCollector';

/** How often the guard looks at the process's memory. */
const CHECK_INTERVAL_MS = 250;
/** Growth over what the last full collection left that makes another worthwhile. */
const GROWTH_BEFORE_COLLECTING = 128 * 1024 * 1024;
/** Below this, V8's own pace is fine: no full collection is forced. */
const FLOOR = 256 * 1024 * 1024;

/**
 * V8 sizes its heap to the machine (about 4 GB here) and collects lazily until then: the fuzz tier
 * saw the server hold 3 GB of garbage (every edit re-parses, validators and trees are rebuilt),
 * although what it keeps alive is a few hundred MB. A hard `--max-old-space-size` would crash the
 * server where a large workspace really needs more, and only the launching client can set it; so
 * the server collects itself when its memory has grown well past what the last collection left.
 * A collection costs a pause of tens to hundreds of milliseconds, so it is rare by design.
 */
export function startMemoryGuard(log: (message: string) => void): () => void {
  const collect = fullCollector();
  if (!collect) return () => undefined;
  // This thread's heap: the parser's worker has a heap limit of its own.
  let baseline = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const before = process.memoryUsage().heapUsed;
    if (before < FLOOR || before - baseline < GROWTH_BEFORE_COLLECTING) return;
    collect();
    baseline = process.memoryUsage().heapUsed;
    log(`memory: collected ${Math.round((before - baseline) / (1024 * 1024))} MB; ${Math.round(baseline / (1024 * 1024))} MB in use`);
  }, CHECK_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
