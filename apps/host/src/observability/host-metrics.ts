import type { EngineObserver, HealthState, HealthStatus, Logger } from '@parley/core';
import { silentLogger } from '@parley/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Where the gauges read their values, at each scrape. */
export interface HostMetricsSources {
  /** Jobs waiting or running. */
  queueDepth(): Promise<number>;
  /** Jobs in the dead-letter state. */
  deadLetters(): Promise<number>;
  /** Each messenger's current health, by messenger id. */
  health(): Record<string, HealthStatus>;
}

export interface HostMetricsOptions {
  /** Node process metrics (CPU, memory, event loop, GC). Default true. */
  defaultMetrics?: boolean;
  /** Where a failing source is reported; the scrape still succeeds. Default: silent. */
  logger?: Logger;
}

type ObserverEvent<K extends keyof EngineObserver> = Parameters<Required<EngineObserver>[K]>[0];

const HEALTH_STATES: readonly HealthState[] = ['connecting', 'connected', 'degraded', 'failed'];
/** Jobs call remote APIs with timeouts of seconds, and a retry after `retry_after` may take a minute. */
const JOB_DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** The label for requests no route matched: raw paths would let any caller create series. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Route labels set by handlers that dispatch themselves (adapter routes, mounted routers). */
const routeLabels = new WeakMap<Response, string>();

/**
 * Names the route a response belongs to in `parley_http_request_duration_seconds`, for handlers
 * express does not see as routes. Use a pattern or a configured name, never a raw path.
 */
export function labelRoute(res: Response, route: string): void {
  routeLabels.set(res, route);
}

function routeOf(req: Request, res: Response): string {
  const explicit = routeLabels.get(res);
  if (explicit !== undefined) return explicit;
  const routePath: unknown = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof routePath !== 'string') return UNMATCHED_ROUTE;
  const joined = `${req.baseUrl}${routePath}`;
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

/** The counters and histograms the observer methods and the HTTP middleware fill. */
function eventMetrics(registers: Registry[]) {
  return {
    inbound: new Counter({
      name: 'parley_inbound_messages_total',
      help: 'Customer messages that reached the engine, by messenger; duplicate = known already (redelivery).',
      labelNames: ['messenger', 'outcome'],
      registers,
    }),
    receipts: new Counter({
      name: 'parley_inbound_receipts_total',
      help: 'Delivery and read receipts from customers that reached the engine, by messenger.',
      labelNames: ['messenger'],
      registers,
    }),
    outbound: new Counter({
      name: 'parley_outbound_messages_total',
      help: 'Agent messages Unblu handed over, by messenger; duplicate = redelivery, internal = not for the customer.',
      labelNames: ['messenger', 'outcome'],
      registers,
    }),
    jobs: new Counter({
      name: 'parley_jobs_total',
      help: 'Job attempts by kind and outcome (done, retry, dead, released, lost).',
      labelNames: ['kind', 'outcome'],
      registers,
    }),
    jobDuration: new Histogram({
      name: 'parley_job_duration_seconds',
      help: 'Duration of job attempts, by kind.',
      labelNames: ['kind'],
      buckets: JOB_DURATION_BUCKETS,
      registers,
    }),
    httpDuration: new Histogram({
      name: 'parley_http_request_duration_seconds',
      help: 'HTTP requests served, by route pattern and status.',
      labelNames: ['route', 'status'],
      registers,
    }),
  };
}

/** A gauge set from `source` at each scrape; a failing source gives NaN rather than a failed scrape. */
function scrapedGauge(registers: Registry[], name: string, help: string, source: () => Promise<number>, logger: Logger): void {
  new Gauge({
    name,
    help,
    registers,
    async collect() {
      try {
        this.set(await source());
      } catch (error) {
        // NaN says "unknown" to Prometheus; a failed scrape would hide every other metric too.
        this.set(Number.NaN);
        logger.warn({ err: error, metric: name }, 'metrics source failed');
      }
    },
  });
}

/** `parley_messenger_up{messenger,state}`: 1 for each messenger's current state, 0 for the others. */
function messengerUpGauge(registers: Registry[], health: () => Record<string, HealthStatus>, logger: Logger): void {
  new Gauge({
    name: 'parley_messenger_up',
    help: 'Messenger health: 1 for the current state, 0 for the others.',
    labelNames: ['messenger', 'state'],
    registers,
    collect() {
      // Reset first, so messengers that went away do not linger with their last state.
      this.reset();
      try {
        for (const [messenger, status] of Object.entries(health())) {
          for (const state of HEALTH_STATES) this.set({ messenger, state }, status.state === state ? 1 : 0);
        }
      } catch (error) {
        logger.warn({ err: error, metric: 'parley_messenger_up' }, 'metrics source failed');
      }
    },
  });
}

/**
 * The host's Prometheus metrics, in a registry of its own (not prom-client's global one, so
 * tests and several hosts in one process do not clash). Pass it to the engine as its
 * `EngineObserver`; the observer methods only increment counters, never block, never throw.
 * Gauges (queue depth, dead letters, messenger health) are read from `sources` at each scrape.
 */
export class HostMetrics implements EngineObserver {
  readonly registry = new Registry();
  private readonly instruments = eventMetrics([this.registry]);

  constructor(sources: HostMetricsSources, options: HostMetricsOptions = {}) {
    const registers = [this.registry];
    const logger = options.logger ?? silentLogger;
    scrapedGauge(registers, 'parley_queue_depth', 'Jobs waiting or running.', () => sources.queueDepth(), logger);
    scrapedGauge(registers, 'parley_dead_letters', 'Jobs in the dead-letter state, waiting for an operator.', () => sources.deadLetters(), logger);
    messengerUpGauge(registers, () => sources.health(), logger);
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Prometheus exposition content type of {@link metrics}. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** The current values in Prometheus text format; reads the gauge sources. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  inboundAccepted(event: ObserverEvent<'inboundAccepted'>): void {
    if (event.kind === 'receipt') {
      this.instruments.receipts.inc({ messenger: event.messengerId });
      return;
    }
    this.instruments.inbound.inc({ messenger: event.messengerId, outcome: event.duplicate ? 'duplicate' : 'accepted' });
  }

  outboundAccepted(event: ObserverEvent<'outboundAccepted'>): void {
    const outcome = event.internal ? 'internal' : event.duplicate ? 'duplicate' : 'accepted';
    this.instruments.outbound.inc({ messenger: event.messengerId, outcome });
  }

  jobSettled(event: ObserverEvent<'jobSettled'>): void {
    this.instruments.jobs.inc({ kind: event.kind, outcome: event.outcome });
    // prom-client throws on a non-number, and observers must never throw.
    if (Number.isFinite(event.durationMs)) this.instruments.jobDuration.observe({ kind: event.kind }, Math.max(0, event.durationMs) / 1000);
  }

  /**
   * Express middleware timing every request into `parley_http_request_duration_seconds`. Mount it
   * first. The route label is the matched route pattern (or one set with {@link labelRoute}),
   * `unmatched` otherwise; requests the client aborted are not counted.
   */
  httpMiddleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const end = this.instruments.httpDuration.startTimer();
      res.once('finish', () => end({ route: routeOf(req, res), status: String(res.statusCode) }));
      next();
    };
  }
}
