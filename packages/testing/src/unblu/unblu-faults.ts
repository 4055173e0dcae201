import { unbluUnavailable } from './fake-unblu-errors.js';

/** Every call of {@link UnbluGateway} by name, for call logs, fault filters and latency. */
export type GatewayMethod =
  | 'ping'
  | `channels.${'create' | 'update' | 'read' | 'findByName' | 'list' | 'delete' | 'ping'}`
  | `webhooks.${'create' | 'update' | 'read' | 'findByName' | 'delete' | 'ping'}`
  | 'visitors.upsert'
  | `conversations.${'create' | 'findActive' | 'read' | 'end'}`
  | `messages.${'send' | 'findBySourceId' | 'sentSuccessfully' | 'sendFailed' | 'delivered' | 'read' | 'download'}`;

/** How an injected failure looks. */
export interface FaultSpec {
  /** What the call rejects with; default a `TransientError` code `unblu.503`. */
  error?: Error | ((method: GatewayMethod) => Error);
  /** Only these methods fail (others pass and do not use up the fault); default every method. */
  methods?: readonly GatewayMethod[];
  /**
   * The call takes effect in Unblu and then the answer is lost (a timeout after the write), the
   * case that proves idempotency. Default false: the call fails before changing anything.
   */
  afterEffect?: boolean;
}

/** The failure chosen for one call. */
export interface Fault {
  error: Error;
  afterEffect: boolean;
}

interface Rule {
  remaining: number;
  spec: FaultSpec;
}

/** Decides, per call, whether it fails and how long it takes. Failures are chosen when a call starts. */
export class UnbluFaults {
  private rules: Rule[] = [];
  private down: FaultSpec | undefined;
  private latencies = new Map<GatewayMethod | '*', number>();

  failNext(count: number, spec: FaultSpec): void {
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`failNext needs a count >= 1, got ${count}`);
    this.rules.push({ remaining: count, spec });
  }

  outage(spec: FaultSpec): void {
    this.down = spec;
  }

  recover(): void {
    this.down = undefined;
  }

  /** Drops pending failures and ends an outage. */
  clear(): void {
    this.rules = [];
    this.down = undefined;
  }

  setLatency(ms: number, methods?: readonly GatewayMethod[]): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`latency must be a finite ms >= 0, got ${ms}`);
    for (const key of methods ?? ['*' as const]) this.latencies.set(key, ms);
  }

  latencyOf(method: GatewayMethod): number {
    return this.latencies.get(method) ?? this.latencies.get('*') ?? 0;
  }

  /** The failure for a call starting now, if any; an outage wins over (and keeps) queued failures. */
  take(method: GatewayMethod): Fault | undefined {
    if (this.down && applies(this.down, method)) return fault(this.down, method);
    const rule = this.rules.find((r) => applies(r.spec, method));
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.rules = this.rules.filter((r) => r !== rule);
    return fault(rule.spec, method);
  }
}

function applies(spec: FaultSpec, method: GatewayMethod): boolean {
  return spec.methods === undefined || spec.methods.includes(method);
}

function fault(spec: FaultSpec, method: GatewayMethod): Fault {
  const { error } = spec;
  return {
    error: error === undefined ? unbluUnavailable(method) : typeof error === 'function' ? error(method) : error,
    afterEffect: spec.afterEffect ?? false,
  };
}
