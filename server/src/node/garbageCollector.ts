import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * V8's full garbage collection, made callable without a launch flag (any client, VS Code or
 * another editor, starts the server, and worker threads take no flags of their own). Undefined
 * where the runtime refuses.
 */
export function fullCollector(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const collect = vm.runInNewContext('gc') as unknown;
    return typeof collect === 'function' ? (collect as () => void) : undefined;
  } catch {
    return undefined;
  }
}
