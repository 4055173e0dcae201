import {
  ParleyEngine,
  type MessengerBinding,
  type ParleyStore,
  type PingEvent,
  type UnbluGateway,
} from '@parley/core';
import { openParleyStore } from '@parley/store';
import { createUnbluGateway } from '@parley/unblu';
import { loadMessengers, type LoadedMessenger, type PackageImporter } from './adapters/load-messengers.js';
import type { HostConfig } from './config/host-config.js';
import { HostMetrics } from './observability/host-metrics.js';
import { createLogger } from './observability/logger.js';
import { requestScopedLogger } from './observability/request-context.js';
import { AdapterRoutes } from './server/adapter-routes.js';
import { createHostApp } from './server/create-host-app.js';
import type { ReadinessReport } from './server/health-routes.js';
import { listen, type RunningServer } from './server/listen.js';
import { runSetup, setupMessengers, type SetupResult } from './setup/index.js';
import { adapterRouteUrl } from './server/adapter-routes.js';
import { setupTarget } from './setup-target-from-config.js';
import type { Logger as PinoLogger } from 'pino';

export interface HostOptions {
  config: HostConfig;
  /** Run `parley setup` before serving (default true); otherwise the channels must exist. */
  setup?: boolean;
  /** Logs go here; default JSON lines on stdout at the configured level. */
  logger?: PinoLogger;
  /** How adapter packages are imported (tests). */
  importer?: PackageImporter;
}

/** A running Parley host. */
export interface RunningHost {
  /** Where the HTTP server listens, e.g. `http://127.0.0.1:8080`. */
  url: string;
  engine: ParleyEngine;
  store: ParleyStore;
  gateway: UnbluGateway;
  messengers: LoadedMessenger[];
  setup?: SetupResult;
  logger: PinoLogger;
  /** Resolves with the next ping Unblu sends Parley (for `parley doctor`). */
  nextPing(timeoutMs: number): Promise<PingEvent>;
  /**
   * Graceful shutdown: stop accepting requests, stop the adapters' receivers, finish or give back
   * running jobs, close the store. Idempotent.
   */
  close(): Promise<void>;
}

const DEDUPE_RETENTION_MS = 30 * 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 6 * 60 * 60_000;
const UNBLU_CHECK_TTL_MS = 5_000;

/**
 * Starts Parley from its configuration: store (migrated), Unblu client, adapters loaded by package
 * name, channel setup, HTTP server, engine. Rejects (after undoing what started) with the reason
 * when any of it fails.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.log.level, secrets: config.secrets });
  const messengers = await loadMessengers(config.messengers, options.importer);
  const gateway = createUnbluGateway({ baseUrl: config.unblu.baseUrl, apiVersion: config.unblu.apiVersion, auth: config.unblu.auth, timeoutMs: config.unblu.timeoutMs });
  const setup = await runSetup(gateway, setupTarget(config, messengers), { dryRun: options.setup === false });
  const missing = messengers.filter((m) => setup.channelIds[m.messengerId] === undefined).map((m) => m.config.channel.name);
  if (missing.length > 0) throw new Error(`Unblu has no channel named ${missing.map((n) => `'${n}'`).join(', ')}: run \`parley setup\` or start without --no-setup`);
  if (options.setup !== false) {
    logger.info({ changes: setup.channels.map((c) => `${c.name}: ${c.action}`) }, 'Unblu channels set up');
    await setUpMessengerSides(config, messengers, logger);
  }

  const store = await openParleyStore(config.store, { logger });
  try {
    return await serve(config, logger, store, gateway, messengers, setup);
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function serve(config: HostConfig, logger: PinoLogger, store: ParleyStore, gateway: UnbluGateway, messengers: LoadedMessenger[], setup: SetupResult): Promise<RunningHost> {
  const pings = new PingWaiters();
  const routes = new AdapterRoutes({ logger });
  // Scrapes only happen once the server listens, after `engine` exists.
  const metrics: HostMetrics = new HostMetrics({ queueDepth: () => store.jobs.depth(), deadLetters: () => store.jobs.deadLetterCount(), health: () => engine.healthReport() }, { logger });
  const engine: ParleyEngine = new ParleyEngine({
    store,
    gateway,
    messengers: messengers.map((m) => bindingOf(m, setup.channelIds[m.messengerId] ?? '')),
    // Lines the engine writes while answering a request carry that request's id.
    logger: requestScopedLogger(logger),
    observer: metrics,
    routes: (messengerId) => routes.forMessenger(messengerId, config.unblu.publicUrl),
    onPing: (event) => pings.received(event),
    recipient: config.unblu.recipient,
    concurrency: config.engine.concurrency,
    maxQueueDepth: config.engine.maxQueueDepth,
    jobLeaseMs: config.engine.jobLeaseMs,
    receiverLeaseMs: config.engine.receiverLeaseMs,
    pollIntervalMs: config.engine.pollIntervalMs,
    drainTimeoutMs: config.engine.drainTimeoutMs,
    retryPolicy: config.engine.retry,
  });
  const started = { value: false };
  const unbluReachable = recentlyChecked(() => gateway.ping(), UNBLU_CHECK_TTL_MS);
  const app = createHostApp({
    unbluPath: config.server.unbluPath,
    unbluSecrets: [config.unblu.secret, ...config.unblu.previousSecrets],
    unbluListener: engine.listener,
    bodyLimitBytes: config.server.bodyLimitBytes,
    adapterRoutes: routes,
    metrics,
    readiness: () => readiness(store, unbluReachable, engine, started.value),
    logger,
  });
  const server: RunningServer = await listen(app, config.server.host, config.server.port);
  try {
    await engine.start();
  } catch (error) {
    await server.close();
    throw error;
  }
  started.value = true;
  const pruning = startPruning(store, logger);
  logger.info({ url: server.url, messengers: messengers.map((m) => m.messengerId), store: storeKind(config.store) }, 'Parley is serving');
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      clearInterval(pruning);
      started.value = false;
      await server.close();
      await engine.stop();
      await store.close();
      logger.info('Parley stopped');
    })());
  return { url: server.url, engine, store, gateway, messengers, setup, logger, nextPing: (ms) => pings.next(ms), close };
}

/**
 * The messengers' own side (e.g. Telegram's webhook). A messenger that cannot be reached now must
 * not keep Parley from serving the others: its trouble is logged and shows in its health.
 */
async function setUpMessengerSides(config: HostConfig, messengers: LoadedMessenger[], logger: PinoLogger): Promise<void> {
  const publicUrl = (messengerId: string, path: string) => adapterRouteUrl(config.unblu.publicUrl, messengerId, path);
  for (const messenger of messengers) {
    try {
      const results = await setupMessengers([messenger], { publicUrl, logger });
      if (results.length > 0) logger.info({ messengerId: messenger.messengerId, changes: results.map((r) => `${r.name}: ${r.action}`) }, 'messenger set up');
    } catch (error) {
      logger.warn({ err: error, messengerId: messenger.messengerId }, 'messenger setup failed; run `parley setup` once it is reachable');
    }
  }
}

function bindingOf(messenger: LoadedMessenger, channelId: string): MessengerBinding {
  // Whether states go to Unblu follows the adapter's descriptor, the same rule setup applies to the channel.
  return {
    messengerId: messenger.messengerId,
    adapter: messenger.adapter,
    channelId,
    senderPrefix: messenger.config.senderPrefix,
    closingText: messenger.config.closingText,
  };
}

async function readiness(store: ParleyStore, unbluReachable: () => Promise<void>, engine: ParleyEngine, started: boolean): Promise<ReadinessReport> {
  const outcome = async (check: () => Promise<string | undefined>) => {
    try {
      return { ok: true, detail: await check() };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  };
  const checks: ReadinessReport['checks'] = {
    engine: started ? { ok: true } : { ok: false, detail: 'starting or stopping' },
    store: await outcome(async () => void (await store.ping())),
    unblu: await outcome(async () => void (await unbluReachable())),
  };
  for (const [messengerId, health] of Object.entries(engine.healthReport())) {
    checks[`messenger:${messengerId}`] = { ok: health.state === 'connected' || health.state === 'degraded', detail: health.detail ? `${health.state}: ${health.detail}` : health.state };
  }
  return { ready: Object.values(checks).every((check) => check.ok), checks };
}

/**
 * Probes come every few seconds from every load balancer and orchestrator; Unblu's ping costs two
 * REST calls. Reuse a result (success or failure) for `ttlMs`, and share one check in flight.
 */
function recentlyChecked(check: () => Promise<void>, ttlMs: number): () => Promise<void> {
  let last: { at: number; result: Promise<void> } | undefined;
  return () => {
    if (last && Date.now() - last.at < ttlMs) return last.result;
    const result = check();
    result.catch(() => undefined);
    last = { at: Date.now(), result };
    return result;
  };
}

/** Forgets dedupe keys after a month, so the table does not grow forever. */
function startPruning(store: ParleyStore, logger: PinoLogger): NodeJS.Timeout {
  const prune = (): void => {
    store.jobs.pruneDedupeKeys(Date.now() - DEDUPE_RETENTION_MS).then(
      (removed) => removed > 0 && logger.info({ removed }, 'old dedupe keys pruned'),
      (error: unknown) => logger.warn({ err: error }, 'pruning dedupe keys failed'),
    );
  };
  const timer = setInterval(prune, PRUNE_EVERY_MS);
  timer.unref();
  return timer;
}

function storeKind(url: string): string {
  return url.startsWith('postgres') ? 'postgresql' : 'sqlite';
}

/** Lets `parley doctor` wait for the ping it asked Unblu to send. */
class PingWaiters {
  private waiters: ((event: PingEvent) => void)[] = [];

  received(event: PingEvent): void {
    for (const resolve of this.waiters.splice(0)) resolve(event);
  }

  next(timeoutMs: number): Promise<PingEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        reject(new Error(`no ping from Unblu within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (event: PingEvent): void => {
        clearTimeout(timer);
        resolve(event);
      };
      this.waiters.push(done);
    });
  }
}
