import { join } from 'node:path';
import { startBotApiSimulator, type BotApiSimulator } from '@parley/adapter-telegram/testing';
import { startUnbluSimulator, type ApiVersion, type UnbluSimulator } from '@parley/unblu-simulator';
import { CustomerApp } from './harness/customer-app.js';
import { createDrillStore, tempDir, type DrillStore, type StoreKind } from './harness/drill-store.js';
import { freePort } from '@parley/testing';
import { writeHostConfig, type HostConfigInput } from './harness/host-config.js';
import { ParleyProcess, requireBuiltCli } from './harness/parley-process.js';
import type { TelegramDrillOptions } from './harness/telegram-messenger.js';
import { UnbluProxy } from './harness/unblu-proxy.js';
import { waitUntil } from './harness/wait.js';

export { CustomerApp } from './harness/customer-app.js';
export { chatIds, messageText, sendChat, sendChats, sendUntilAcked, type SendStats } from './harness/customers.js';
export { DRILL_SECRET } from './harness/host-config.js';
export { ParleyProcess } from './harness/parley-process.js';
export { TELEGRAM_MESSENGER_ID } from './harness/telegram-messenger.js';
export { writeTelegramChats } from './harness/telegram-customers.js';
export { conversationsOf, fileBytes, repeated, visitorCount, visitorMessages, visitorTexts } from './harness/unblu-view.js';
export { sleep, waitUntil } from './harness/wait.js';

export interface DrillOptions {
  apiVersion?: ApiVersion;
  store?: StoreKind;
  /** Loopback messenger ids (default one, `loop`; none when the drill has Telegram). */
  messengerIds?: string[];
  /** Put an {@link UnbluProxy} between the simulator and the first host. */
  proxy?: boolean;
  /** A Telegram messenger (`telegram`) on every host, talking to an in-process Bot API simulator. */
  telegram?: TelegramDrillOptions;
}

/** A host of the drill: its process (replaced on restart) and how it is started. */
export interface DrillHost {
  process: ParleyProcess;
  readonly url: string;
  readonly configPath: string;
  readonly noSetup: boolean;
}

/**
 * Everything a drill needs around real `parley serve` processes: the Unblu simulator, the
 * customers' app, a fresh store, config files, and hosts to start, kill and restart.
 */
export class Drill {
  readonly hosts: DrillHost[] = [];
  readonly messengerIds: string[];
  /** Between the simulator and the first host, when the drill asked for one. */
  proxy: UnbluProxy | undefined;
  /** Telegram's side, when the drill asked for a Telegram messenger. */
  private botApi: BotApiSimulator | undefined;

  private constructor(
    readonly sim: UnbluSimulator,
    readonly app: CustomerApp,
    readonly store: DrillStore,
    private readonly dir: { path: string; remove(): void },
    private readonly options: DrillOptions,
  ) {
    this.messengerIds = options.messengerIds ?? (options.telegram ? [] : ['loop']);
  }

  static async start(options: DrillOptions = {}): Promise<Drill> {
    requireBuiltCli();
    const dir = tempDir();
    const sim = await startUnbluSimulator({ apiVersion: options.apiVersion ?? 'v4', outbound: { retryDelayMs: 50 } });
    const app = await CustomerApp.start();
    const store = await createDrillStore(options.store ?? 'sqlite', dir.path);
    const drill: Drill = new Drill(sim, app, store, dir, options);
    if (options.proxy) drill.proxy = await UnbluProxy.start(() => drill.host().url);
    if (options.telegram) drill.botApi = await startBotApiSimulator({ webhookRetryDelayMs: 50, ...options.telegram.simulator });
    return drill;
  }

  /** The Bot API simulator; fails when the drill has no Telegram messenger. */
  bot(): BotApiSimulator {
    if (!this.botApi) throw new Error('the drill has no Telegram messenger (Drill.start({ telegram }))');
    return this.botApi;
  }

  /** The n-th host started (default the first). */
  host(index = 0): DrillHost {
    const host = this.hosts[index];
    if (!host) throw new Error(`no host #${index} started`);
    return host;
  }

  /**
   * Starts another host on the same store. Unblu reaches the first host (or the proxy in front of
   * it); later hosts should pass `noSetup`, or their setup would point the channels at themselves.
   */
  async startHost(options: { noSetup?: boolean } = {}): Promise<DrillHost> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const publicUrl = this.proxy?.url ?? this.hosts[0]?.url ?? url;
    const configPath = writeHostConfig(join(this.dir.path, `parley-${this.hosts.length + 1}.yaml`), {
      unbluApiBaseUrl: this.sim.apiBaseUrl,
      apiVersion: this.sim.apiVersion,
      publicUrl,
      port,
      storeUrl: this.store.url,
      messengerIds: this.messengerIds,
      deliverTo: this.app.url,
      idPrefix: `h${this.hosts.length + 1}`,
      ...this.telegramMessenger(),
    });
    const noSetup = options.noSetup ?? false;
    const host: DrillHost = { process: await ParleyProcess.start({ configPath, url, noSetup }), url, configPath, noSetup };
    this.hosts.push(host);
    return host;
  }

  /** Starts a host's process again with the same config and store (after kill or stop). */
  async restart(host: DrillHost): Promise<void> {
    host.process = await ParleyProcess.start({ configPath: host.configPath, url: host.url, noSetup: host.noSetup });
  }

  /** The recent output of every host, for failure messages. */
  hostOutput(): string {
    return this.hosts.map((h, i) => `--- host #${i} (${h.url})\n${h.process.recentOutput}`).join('\n');
  }

  /** {@link waitUntil}, with every host's recent output in the error when it times out. */
  async waitFor<T>(what: string, predicate: () => T | Promise<T>, timeoutMs?: number): Promise<NonNullable<T>> {
    try {
      return await waitUntil(what, predicate, timeoutMs);
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${this.hostOutput()}`, { cause: error });
    }
  }

  /** Stops the hosts (SIGTERM), then the simulators, app and proxy, and drops the store. */
  async close(): Promise<void> {
    await Promise.all(this.hosts.map((h) => h.process.stop()));
    await this.proxy?.close();
    await this.botApi?.close();
    await this.sim.close();
    await this.app.close();
    await this.store.drop();
    this.dir.remove();
  }

  private telegramMessenger(): Pick<HostConfigInput, 'telegram'> {
    const { botApi } = this;
    const wanted = this.options.telegram;
    if (!botApi || !wanted) return {};
    return { telegram: { token: botApi.token, apiRoot: botApi.url, mode: wanted.mode, pacing: wanted.pacing } };
  }
}
