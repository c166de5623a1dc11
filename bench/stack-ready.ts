/**
 * Stack cold start: process spawn → every party's health check green, 15 times, interleaved with the anchor: a bare
 * oidc-provider started the same way, from plain JavaScript (spawn → its discovery document answers; the stack from dist/). Prints stack_ready_ms,
 * oidc_provider_ready_ms and stack_ready_ratio_vs_oidc_provider.
 */
import { fork } from 'node:child_process';
import { createTopology } from '../harness/topology.js';
import { figure, spread, stats, until } from './lib/figures.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const BASE = 6900;
const ok = async (url: string) => (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;

async function timeToReady(script: string, port: number, urls: string[]): Promise<number> {
  const started = performance.now();
  const child = fork(new URL(script, import.meta.url), [String(port)], { stdio: 'ignore' });
  try {
    await until(async () => (await Promise.all(urls.map(ok))).every(Boolean));
    return performance.now() - started;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

const topology = createTopology({ basePort: BASE });
const health = Object.values(topology.parties).map((p) => `${p.origin}/__harness/health`);
const stack: number[] = [];
const anchor: number[] = [];
// One warm-up each: tsx compiles the sources once into its cache.
await timeToReady('./children/stack.mjs', BASE, health);
await timeToReady('./children/oidc-provider.mjs', 6950, ['http://127.0.0.6:6950/.well-known/openid-configuration']);
for (let i = 0; i < RUNS; i++) {
  stack.push(await timeToReady('./children/stack.mjs', BASE, health));
  anchor.push(await timeToReady('./children/oidc-provider.mjs', 6950, ['http://127.0.0.6:6950/.well-known/openid-configuration']));
}
const s = stats(stack);
const a = stats(anchor);
figure('stack_ready_ms', s.median, 'ms', `${spread(s, 'ms')}; four parties, every health check green`);
figure('oidc_provider_ready_ms', a.median, 'ms', spread(a, 'ms'));
figure('stack_ready_ratio_vs_oidc_provider', s.median / a.median, 'x', 'goal ≤ 1.5');
