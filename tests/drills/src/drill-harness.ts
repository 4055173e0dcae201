import { join } from 'node:path';
import { startUnbluSimulator, type ApiVersion, type UnbluSimulator } from '@parley/unblu-simulator';
import { CustomerApp } from './harness/customer-app.js';
import { createDrillStore, tempDir, type DrillStore, type StoreKind } from './harness/drill-store.js';
import { freePort } from '@parley/testing';
import { writeHostConfig } from './harness/host-config.js';
import { ParleyProcess, requireBuiltCli } from './harness/parley-process.js';
import { UnbluProxy } from './harness/unblu-proxy.js';

export { CustomerApp } from './harness/customer-app.js';
export { chatIds, messageText, sendChat, sendChats, sendUntilAcked, type SendStats } from './harness/customers.js';
export { DRILL_SECRET } from './harness/host-config.js';
export { ParleyProcess } from './harness/parley-process.js';
export { conversationsOf, repeated, visitorCount, visitorTexts } from './harness/unblu-view.js';
export { sleep, waitUntil } from './harness/wait.js';

export interface DrillOptions {
  apiVersion?: ApiVersion;
  store?: StoreKind;
  /** Loopback messenger ids (default one, `loop`). */
  messengerIds?: string[];
  /** Put an {@link UnbluProxy} between the simulator and the first host. */
  proxy?: boolean;
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

  private constructor(
    readonly sim: UnbluSimulator,
    readonly app: CustomerApp,
    readonly store: DrillStore,
    private readonly dir: { path: string; remove(): void },
    options: DrillOptions,
  ) {
    this.messengerIds = options.messengerIds ?? ['loop'];
  }

  static async start(options: DrillOptions = {}): Promise<Drill> {
    requireBuiltCli();
    const dir = tempDir();
    const sim = await startUnbluSimulator({ apiVersion: options.apiVersion ?? 'v4', outbound: { retryDelayMs: 50 } });
    const app = await CustomerApp.start();
    const store = await createDrillStore(options.store ?? 'sqlite', dir.path);
    const drill: Drill = new Drill(sim, app, store, dir, options);
    if (options.proxy) drill.proxy = await UnbluProxy.start(() => drill.host().url);
    return drill;
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

  /** Stops the hosts (SIGTERM), then the simulator, app and proxy, and drops the store. */
  async close(): Promise<void> {
    await Promise.all(this.hosts.map((h) => h.process.stop()));
    await this.proxy?.close();
    await this.sim.close();
    await this.app.close();
    await this.store.drop();
    this.dir.remove();
  }
}
