import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sleep } from './wait.js';

export const CLI_PATH = resolve(__dirname, '../../../../apps/host/dist/cli.js');
const OUTPUT_TAIL = 8_000;

/** Fails with the fix when the host CLI has not been built. */
export function requireBuiltCli(): string {
  if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run npx nx run @parley/host:build`);
  return CLI_PATH;
}

export interface ParleyProcessOptions {
  configPath: string;
  /** `http://127.0.0.1:<port>` where the host listens. */
  url: string;
  /** Start with `--no-setup` (the channels must exist). */
  noSetup?: boolean;
}

/** One `parley serve` child process. */
export class ParleyProcess {
  private output = '';
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly options: ParleyProcessOptions,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer): void => void (this.output = (this.output + chunk.toString('utf8')).slice(-OUTPUT_TAIL));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((done) => child.once('exit', (code, signal) => done(signal === null ? code : null)));
  }

  get url(): string {
    return this.options.url;
  }

  /** Spawns the host and resolves once `/readyz` answers 200. */
  static async start(options: ParleyProcessOptions, readyTimeoutMs = 30_000): Promise<ParleyProcess> {
    const args = [requireBuiltCli(), 'serve', '--config', options.configPath, ...(options.noSetup ? ['--no-setup'] : [])];
    const child = spawn(process.execPath, args, { cwd: join(options.configPath, '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    const host = new ParleyProcess(options, child);
    await host.waitReady(readyTimeoutMs);
    return host;
  }

  /** The last lines the process wrote, for failure messages. */
  get recentOutput(): string {
    return this.output;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`parley serve exited before it was ready:\n${this.output}`);
      if (await this.isReady()) return;
      await sleep(50);
    }
    await this.kill();
    throw new Error(`parley serve not ready within ${timeoutMs} ms:\n${this.output}`);
  }

  /** SIGKILL: no shutdown at all, as when the machine dies. */
  async kill(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM and wait for the graceful shutdown; SIGKILL after `timeoutMs`. Resolves the exit code. */
  async stop(timeoutMs = 15_000): Promise<number | null> {
    if (!this.running) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }

  private async isReady(): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return response.status === 200;
    } catch {
      return false;
    }
  }
}
