/** Outbound requests expect a typed answer; webhooks only an acknowledgement. */
export type CallKind = 'outbound' | 'webhook';

/** One HTTP attempt the simulator made towards a middleware endpoint. */
export interface DeliveryRecord {
  /** Position in the log, starting at 1. */
  seq: number;
  kind: CallKind;
  /** Service name (`outbound.…`) or event name (`conversation.ended`, `ping`, …). */
  name: string;
  url: string;
  /** `X-Unblu-Invocation-ID` / `X-Unblu-Event-ID`: the same for every retry of one call. */
  invocationId: string;
  /** `X-Unblu-Delivery`: new for every attempt. */
  deliveryId: string;
  /** `X-Unblu-Retry-No`: 0 for the first attempt. */
  retryNo: number;
  /** Header names in lower case. */
  requestHeaders: Record<string, string>;
  requestBody: unknown;
  startedAt: number;
  durationMs: number;
  /** HTTP status, or null when no response arrived (timeout, connection error). */
  status: number | null;
  responseBody: string | null;
  /** Whether the attempt counted as success (2xx and, for outbound requests, a usable body). */
  ok: boolean;
  error: string | null;
  /** Null when the endpoint has no secret; otherwise whether the answer carried a valid signature. */
  responseSignatureValid: boolean | null;
}

/** An append-only, bounded log of delivery attempts; the oldest entries drop out first. */
export class DeliveryLog {
  private readonly records: DeliveryRecord[] = [];
  private seq = 0;

  constructor(private readonly limit: number) {}

  append(record: Omit<DeliveryRecord, 'seq'>): DeliveryRecord {
    const entry = { ...record, seq: ++this.seq };
    this.records.push(entry);
    if (this.records.length > this.limit) this.records.splice(0, this.records.length - this.limit);
    return entry;
  }

  /** A copy of the log, oldest first. */
  list(): DeliveryRecord[] {
    return this.records.map((r) => ({ ...r }));
  }
}
