import type { ApiCall } from './bot-api-simulator.js';
import { BotRegistry } from './bot-registry.js';
import { FaultPlan } from './fault-plan.js';
import { FileStore } from './file-store.js';
import { FloodGate } from './flood-gate.js';
import type { SimulatedBot } from './simulated-bot.js';
import type { ResolvedOptions } from './simulator-options.js';
import { WebhookPusher } from './webhook-pusher.js';

/** Everything one simulator instance holds, shared by the wire API, the control API and the handle. */
export class SimulatorState {
  readonly bots: BotRegistry;
  readonly files = new FileStore();
  readonly calls: ApiCall[] = [];
  readonly faults = new FaultPlan();
  readonly flood: FloodGate;
  /** Aborts when the simulator closes: held polls answer, delays end, pushes stop. */
  readonly shutdown = new AbortController();
  private readonly pushers = new Map<SimulatedBot, WebhookPusher>();

  constructor(readonly options: ResolvedOptions) {
    this.bots = new BotRegistry(options.bot);
    this.flood = new FloodGate(options.floodControl);
  }

  get limits(): ResolvedOptions['limits'] {
    return this.options.limits;
  }

  /** The bot's webhook pusher, created on first use. */
  pusher(bot: SimulatedBot): WebhookPusher {
    let pusher = this.pushers.get(bot);
    if (!pusher) {
      pusher = new WebhookPusher(bot, { retryDelayMs: this.options.webhookRetryDelayMs, timeoutMs: this.options.webhookTimeoutMs });
      this.pushers.set(bot, pusher);
    }
    return pusher;
  }

  /** Stops every webhook pusher; resolves once no push is in flight. */
  async stopPushers(): Promise<void> {
    await Promise.all([...this.pushers.values()].map((pusher) => pusher.stop()));
  }
}
