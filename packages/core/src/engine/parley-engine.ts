import type { AdapterContext } from '../adapter/messenger-adapter.js';
import type { HealthStatus } from '../adapter/health.js';
import type { RouteRegistrar } from '../adapter/route-registrar.js';
import { NotSupportedError, TransientError } from '../errors/parley-error.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { InboundSink } from '../ports/inbound-sink.js';
import { silentLogger, type Logger } from '../ports/logger.js';
import type { Job, NewJob, ParleyStore } from '../ports/parley-store.js';
import type { PingEvent, UnbluEventListener } from '../ports/unblu-events.js';
import type { UnbluGateway } from '../ports/unblu-gateway.js';
import type { RecipientType } from '../ports/unblu-model.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../retry/retry-policy.js';
import { ConversationLinker } from './conversation-linker.js';
import type { EngineObserver } from './engine-observer.js';
import { runExclusive } from './exclusive-runner.js';
import { InboundRouter } from './inbound-router.js';
import type { JobHandler } from './job-handler.js';
import { JobQueue } from './job-queue.js';
import type { MessengerBinding } from './messenger-binding.js';
import { MessengerRegistry } from './messenger-registry.js';
import { OutboundRouter } from './outbound-router.js';

export interface ParleyEngineOptions {
  store: ParleyStore;
  gateway: UnbluGateway;
  messengers: readonly MessengerBinding[];
  clock?: Clock;
  logger?: Logger;
  observer?: EngineObserver;
  /** This process's identity for job claims and leases; random by default. Must differ between instances. */
  instanceId?: string;
  /** Jobs run at once (default 16); each chat or conversation still runs one at a time. */
  concurrency?: number;
  /** Job claim lifetime (default 30 s); a crashed instance's jobs are taken over after it. */
  jobLeaseMs?: number;
  /** Lease lifetime for single-consumer receivers (default 15 s). */
  receiverLeaseMs?: number;
  /** How often to look for due retries and other instances' work (default 250 ms). */
  pollIntervalMs?: number;
  /** How long `stop()` lets running jobs finish before giving them back (default 10 s). */
  drainTimeoutMs?: number;
  retryPolicy?: Partial<RetryPolicy>;
  /** Waiting jobs beyond which new events are refused with a TransientError (default 100,000). */
  maxQueueDepth?: number;
  /** Where new conversations queue in Unblu. */
  recipient?: { type: RecipientType; id: string };
  /** Where webhook-mode adapters mount their routes (the host's server); none by default. */
  routes?: (messengerId: string) => RouteRegistrar;
  /** Unblu pinged Parley (for `parley doctor`'s round trip). */
  onPing?: (event: PingEvent) => void;
  /** Randomness for retry jitter. */
  random?: () => number;
}

/** An operator's view of jobs that gave up. */
export interface DeadLetters {
  list(limit?: number): Promise<Job[]>;
  /** Puts one back in its queue to run now; false when there is no such dead letter. */
  redrive(jobId: string): Promise<boolean>;
}

const DEPTH_REFRESH_MS = 1000;

/**
 * Parley's engine: connects each configured messenger adapter with Unblu through the durable
 * store. The host creates one per process, passes {@link listener} to the Unblu request handler,
 * calls {@link start} and, on shutdown, {@link stop}. Several engines (processes) may share one
 * PostgreSQL store; they share the work without doing any of it twice.
 */
export class ParleyEngine {
  /** What the Unblu request handler calls. */
  readonly listener: UnbluEventListener;
  readonly deadLetters: DeadLetters;
  readonly instanceId: string;
  private readonly registry: MessengerRegistry;
  private readonly queue: JobQueue;
  private readonly inbound: InboundRouter;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly health = new Map<string, HealthStatus>();
  private readonly stopController = new AbortController();
  private readonly started: MessengerBinding[] = [];
  private depth = { value: 0, at: Number.NEGATIVE_INFINITY, refreshing: false };

  constructor(private readonly options: ParleyEngineOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.instanceId = options.instanceId ?? `parley-${globalThis.crypto.randomUUID()}`;
    this.registry = new MessengerRegistry(options.messengers);
    const newId = (): string => globalThis.crypto.randomUUID();
    const shared = { store: options.store, gateway: options.gateway, messengers: this.registry, clock: this.clock, logger: this.logger, observer: options.observer ?? {}, newId, enqueue: (job: NewJob) => this.enqueue(job) };
    const linker = new ConversationLinker(options.store, options.gateway, this.clock, this.logger, { recipient: options.recipient });
    this.inbound = new InboundRouter({ ...shared, linker });
    const outbound = new OutboundRouter({ ...shared, onPing: options.onPing });
    this.listener = outbound;
    const handlers = new Map<string, JobHandler>([...this.inbound.handlers(), ...outbound.handlers()]);
    this.queue = new JobQueue(options.store.jobs, handlers, this.clock, this.logger, {
      owner: this.instanceId,
      concurrency: options.concurrency ?? 16,
      leaseMs: options.jobLeaseMs ?? 30_000,
      pollIntervalMs: options.pollIntervalMs ?? 250,
      drainTimeoutMs: options.drainTimeoutMs ?? 10_000,
      retryPolicy: { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy },
      random: options.random,
    }, options.observer);
    this.deadLetters = {
      list: (limit = 100) => options.store.jobs.listDeadLetters(limit),
      redrive: async (jobId) => {
        const redriven = await options.store.jobs.redrive(jobId, this.clock.now());
        if (redriven) this.queue.notify();
        return redriven;
      },
    };
  }

  /**
   * Starts the workers, then each adapter. Rejects (after stopping what started) when an adapter
   * fails to start, naming the messenger.
   */
  async start(): Promise<void> {
    for (const binding of this.registry.all()) {
      this.report(binding.messengerId, 'connecting');
      try {
        await binding.adapter.start(this.contextFor(binding));
        this.started.push(binding);
      } catch (error) {
        await this.stop();
        throw new Error(`messenger "${binding.messengerId}" failed to start: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
    // Workers start once every adapter can send.
    this.queue.start();
    this.logger.info({ instanceId: this.instanceId, messengers: this.started.map((b) => b.messengerId) }, 'engine started');
  }

  /**
   * Stops receiving (the adapters' signal), lets running jobs finish or gives them back, then stops
   * the adapters, whose sends are no longer needed. Idempotent.
   */
  async stop(): Promise<void> {
    this.stopController.abort(new Error('Parley is shutting down'));
    await this.queue.stop();
    const adapters = this.started.splice(0);
    await Promise.all(adapters.map((binding) => this.stopAdapter(binding)));
  }

  /** Each messenger's last reported health. */
  healthReport(): Record<string, HealthStatus> {
    return Object.fromEntries(this.health);
  }

  /** Jobs waiting or running in the store (all instances). */
  queueDepth(): Promise<number> {
    return this.options.store.jobs.depth();
  }

  /** The sink of one messenger, as its adapter gets it (for tools and tests that inject events). */
  sink(messengerId: string): InboundSink {
    return this.inbound.sinkFor(this.registry.get(messengerId));
  }

  private async stopAdapter(binding: MessengerBinding): Promise<void> {
    try {
      await binding.adapter.stop();
    } catch (error) {
      this.logger.error({ err: error, messengerId: binding.messengerId }, 'adapter failed to stop cleanly');
    }
  }

  private contextFor(binding: MessengerBinding): AdapterContext {
    const { messengerId } = binding;
    const { store } = this.options;
    const logger = this.logger.child({ messengerId });
    return {
      messengerId,
      inbound: this.inbound.sinkFor(binding),
      health: { report: (state, detail) => this.report(messengerId, state, detail) },
      state: store.keyValue(messengerId),
      http: this.options.routes?.(messengerId) ?? noRoutes(messengerId),
      logger,
      signal: this.stopController.signal,
      exclusive: (name, work) =>
        runExclusive(`${messengerId}:${name}`, work, {
          leases: store.leases,
          owner: this.instanceId,
          clock: this.clock,
          logger,
          ttlMs: this.options.receiverLeaseMs ?? 15_000,
          signal: this.stopController.signal,
        }),
    };
  }

  private report(messengerId: string, state: HealthStatus['state'], detail?: string): void {
    const previous = this.health.get(messengerId);
    if (previous?.state === state && previous.detail === detail) return;
    this.health.set(messengerId, { state, detail, since: this.clock.now() });
    const level = state === 'failed' ? 'error' : state === 'degraded' ? 'warn' : 'info';
    this.logger[level]({ messengerId, state, detail }, 'messenger health changed');
  }

  /** Commits a job and wakes the workers; refuses new work while the queue is over its limit. */
  private async enqueue(job: NewJob): Promise<{ enqueued: boolean; jobId: string }> {
    const limit = this.options.maxQueueDepth ?? 100_000;
    this.refreshDepth();
    if (this.depth.value >= limit) {
      throw new TransientError(`Parley is overloaded: ${this.depth.value} jobs waiting (limit ${limit})`, 'engine.overloaded', { retryAfterMs: 1000 });
    }
    const result = await this.options.store.jobs.enqueue(job, this.clock.now());
    if (result.enqueued) {
      this.depth.value += 1;
      this.queue.notify();
    }
    return result;
  }

  /** Keeps a cheap, at most a second old, view of the queue depth for back-pressure. */
  private refreshDepth(): void {
    const now = this.clock.now();
    if (this.depth.refreshing || now - this.depth.at < DEPTH_REFRESH_MS) return;
    this.depth.refreshing = true;
    this.options.store.jobs.depth().then(
      (value) => (this.depth = { value, at: this.clock.now(), refreshing: false }),
      () => (this.depth.refreshing = false),
    );
  }
}

function noRoutes(messengerId: string): RouteRegistrar {
  return {
    register: () => {
      throw new NotSupportedError('webhook routes (no HTTP server configured)', messengerId);
    },
    publicUrl: () => {
      throw new NotSupportedError('webhook routes (no HTTP server configured)', messengerId);
    },
  };
}
