/** Median, min and max of a sample. */
export function stats(values: number[]): { median: number; min: number; max: number; n: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/** Prints one figure as `name: value unit`, the line format `npm run bench` promises. */
export function figure(name: string, value: number, unit: string, note?: string): void {
  const rounded = Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
  console.log(`${name}: ${rounded} ${unit}${note ? `  (${note})` : ''}`);
}

/** `median 812 ms, min 790, max 901, n=15` */
export function spread(s: ReturnType<typeof stats>, unit: string): string {
  const r = (v: number) => (Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100);
  return `median of ${s.n}, min ${r(s.min)} ${unit}, max ${r(s.max)} ${unit}`;
}

/** Polls until `ready()` is true; resolves with the time it took. Polling is what a readiness check does. */
export async function until(ready: () => Promise<boolean>, timeoutMs = 30_000, everyMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
