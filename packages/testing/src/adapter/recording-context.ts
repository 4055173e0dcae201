import {
  silentLogger,
  systemClock,
  type AdapterContext,
  type Clock,
  type DurableKeyValue,
  type HealthReporter,
  type HealthState,
  type HealthStatus,
  type Logger,
  type RouteRegistrar,
} from '@parley/core';
import { RecordingRoutes } from './recording-routes.js';
import { RecordingSink } from './recording-sink.js';

/** Health reports an adapter made, in order; `since` is when the state last changed. */
export class RecordingHealth implements HealthReporter {
  readonly reports: HealthStatus[] = [];

  constructor(private readonly clock: Clock = systemClock) {}

  report(state: HealthState, detail?: string): void {
    const last = this.current;
    const since = last?.state === state ? last.since : this.clock.now();
    this.reports.push({ state, ...(detail === undefined ? {} : { detail }), since });
  }

  /** The latest report, or undefined before the first. */
  get current(): HealthStatus | undefined {
    return this.reports.at(-1);
  }

  /** The states reported, in order (repeats included). */
  get states(): HealthState[] {
    return this.reports.map((r) => r.state);
  }
}

/**
 * A {@link DurableKeyValue} in memory. Values go through JSON as the durable ones do, so a test
 * storing something that would not survive a real store (a Date, a Map, undefined) finds out.
 */
export class MemoryKeyValue implements DurableKeyValue {
  private readonly values = new Map<string, string>();

  get<T = unknown>(key: string): Promise<T | undefined> {
    const json = this.values.get(key);
    return Promise.resolve(json === undefined ? undefined : (JSON.parse(json) as T));
  }

  set(key: string, value: unknown): Promise<void> {
    const json = JSON.stringify(value) as string | undefined;
    if (json === undefined) return Promise.reject(new TypeError(`value for "${key}" is not JSON`));
    this.values.set(key, json);
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.values.delete(key);
    return Promise.resolve();
  }
}

/** An {@link AdapterContext} whose parts record what the adapter did, for tests to inspect. */
export interface RecordingContext extends AdapterContext {
  readonly inbound: RecordingSink;
  readonly health: RecordingHealth;
  readonly http: RecordingRoutes;
  /** Aborting it is the host shutting down: `signal` is its signal. */
  readonly controller: AbortController;
  /** Names passed to `exclusive`, in call order. */
  readonly exclusiveRuns: string[];
}

export interface RecordingContextOverrides {
  /** Default `loopback-1`. */
  messengerId?: string;
  /** Clock of the sink's latency and health timestamps; default the system clock. */
  clock?: Clock;
  /** Default a logger that drops everything. */
  logger?: Logger;
  /** Default a fresh {@link MemoryKeyValue}; pass one to keep state across adapter restarts. */
  state?: DurableKeyValue;
  /** Routes are recorded and also mounted here (e.g. a harness's HTTP server). */
  http?: RouteRegistrar;
  /** Default: runs `work` at once with the context's signal, as if the lease were always held. */
  exclusive?: AdapterContext['exclusive'];
}

/**
 * Builds a context for starting an adapter in a test: a {@link RecordingSink} (can reject or be
 * slow), recorded health, in-memory durable state, recorded routes a test can invoke, `exclusive`
 * running the work directly, a silent logger, and an AbortController for the shutdown signal.
 */
export function createRecordingContext(overrides: RecordingContextOverrides = {}): RecordingContext {
  const messengerId = overrides.messengerId ?? 'loopback-1';
  const clock = overrides.clock ?? systemClock;
  const controller = new AbortController();
  const exclusiveRuns: string[] = [];
  const exclusive = overrides.exclusive ?? ((_name, work) => work(controller.signal));
  return {
    messengerId,
    inbound: new RecordingSink(clock),
    health: new RecordingHealth(clock),
    state: overrides.state ?? new MemoryKeyValue(),
    http: new RecordingRoutes(`https://parley.test/messengers/${messengerId}`, overrides.http),
    logger: overrides.logger ?? silentLogger,
    signal: controller.signal,
    controller,
    exclusiveRuns,
    exclusive: (name, work) => {
      exclusiveRuns.push(name);
      return exclusive(name, work);
    },
  };
}
