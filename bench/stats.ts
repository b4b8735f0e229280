import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Small statistics and formatting helpers for the benchmark. */

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
  samples: number[];
}

export function summarise(samples: number[]): Summary | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, n: sorted.length, samples: samples.map(round1) };
}

export function round1(value: number) {
  return Math.round(value * 10) / 10;
}

export function ms(value: number | undefined) {
  if (value === undefined || !Number.isFinite(value)) return '–';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 100) return `${Math.round(value).toLocaleString('en-US')} ms`;
  return `${value.toFixed(1)} ms`;
}

export function bytes(value: number | undefined) {
  if (value === undefined || !Number.isFinite(value)) return '–';
  if (value >= 1024 * 1024 * 1024) return `${(value / (1024 * 1024 * 1024)).toFixed(2)} GB`;
  if (value >= 1024 * 1024) return `${(value / (1024 * 1024)).toFixed(value >= 100 * 1024 * 1024 ? 0 : 1)} MB`;
  return `${Math.round(value / 1024)} KB`;
}

export function ratio(value: number | undefined) {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return value >= 10 ? `${value.toFixed(1)}×` : `${value.toFixed(2)}×`;
}

/**
 * A full garbage collection between measurements, so one run's garbage is not collected during
 * the next. `node out/bench/run.js` has no --expose-gc, so the flag is set at run time.
 */
let gc: (() => void) | undefined;
export function collectGarbage() {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
