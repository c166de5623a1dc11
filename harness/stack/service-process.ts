import { spawn, type ChildProcess } from 'node:child_process';
import { HarnessError } from '../errors.js';

/** How to start a service of your own (a config file's `service.start`, paths resolved). */
export interface ServiceCommand {
  command: string;
  cwd: string;
  env: Record<string, string>;
  /** Polled until it answers 2xx or 3xx. */
  readyUrl: string;
  timeoutMs: number;
}

const KEPT_OUTPUT_LINES = 30;
const POLL_INTERVAL_MS = 100;

/**
 * A service of your own started with the stack: its command runs in its own process group (so a shell and
 * everything it starts stop together), its output is kept for the error message, and it counts as started when
 * `readyUrl` answers. Stopping sends SIGTERM to the group, then SIGKILL after two seconds.
 */
export class ServiceProcess {
  private readonly output: string[] = [];
  private exited?: string;

  private constructor(private readonly child: ChildProcess, readonly command: ServiceCommand, echoAs?: string) {
    const keep = (chunk: Buffer) => {
      const lines = chunk.toString('utf8').split('\n').filter(Boolean);
      if (echoAs) for (const line of lines) process.stderr.write(`[${echoAs}] ${line}\n`);
      this.output.push(...lines);
      this.output.splice(0, Math.max(0, this.output.length - KEPT_OUTPUT_LINES));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => {
      this.exited = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
    });
  }

  /**
   * Starts the command and waits until it is ready; fails naming the command, what happened and its last output.
   * With `echoAs`, its output is also printed to stderr as it comes, each line prefixed with `[echoAs]`.
   */
  static async start(command: ServiceCommand, fetchImpl: typeof fetch = fetch, echoAs?: string): Promise<ServiceProcess> {
    const child = spawn(command.command, {
      shell: true,
      cwd: command.cwd,
      env: { ...process.env, ...command.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const service = new ServiceProcess(child, command, echoAs);
    const spawnError = new Promise<never>((_, reject) => child.once('error', (err) => reject(service.failure(`could not be started: ${err.message}`))));
    spawnError.catch(() => undefined);
    try {
      await Promise.race([service.waitUntilReady(fetchImpl), spawnError]);
    } catch (err) {
      await service.stop();
      throw err;
    }
    return service;
  }

  private async waitUntilReady(fetchImpl: typeof fetch): Promise<void> {
    const deadline = Date.now() + this.command.timeoutMs;
    let last = 'no answer yet';
    for (;;) {
      if (this.exited) throw this.failure(`${this.exited} before ${this.command.readyUrl} answered`);
      try {
        const response = await fetchImpl(this.command.readyUrl, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
        if (response.status < 400) return;
        last = `HTTP ${response.status}`;
      } catch (err) {
        last = (err as Error).message;
      }
      if (Date.now() > deadline) {
        throw this.failure(`was not ready: ${this.command.readyUrl} gave ${last} after ${this.command.timeoutMs} ms; raise service.start.timeoutMs or fix service.start.readyUrl`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }

  /** The service's last lines of output (stdout and stderr), and how it ended if it is no longer running. */
  recentOutput(): { lines: string[]; exited?: string } {
    return { lines: [...this.output], ...(this.exited ? { exited: this.exited } : {}) };
  }

  private failure(what: string): HarnessError {
    const output = this.output.length ? `\nits last output:\n${this.output.map((l) => `  | ${l}`).join('\n')}` : ' (it printed nothing)';
    return new HarnessError('HARNESS_SERVICE_START_FAILED', `your service (service.start.command: ${this.command.command}) ${what}${output}`);
  }

  /** Stops the command's whole process group. */
  async stop(): Promise<void> {
    if (this.exited || this.child.pid === undefined) return;
    const exit = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const signal = (sig: NodeJS.Signals) => {
      try {
        process.kill(-this.child.pid!, sig);
      } catch {
        // already gone
      }
    };
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 2_000);
    await exit;
    clearTimeout(timer);
  }
}
