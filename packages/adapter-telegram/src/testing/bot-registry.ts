import type { UserFromGetMe } from 'grammy/types';
import type { SimulatedBotOptions } from './bot-api-simulator.js';
import { tokenSecret } from './ids.js';
import { SimulatedBot } from './simulated-bot.js';

const firstBotId = 123456789;
const tokenShape = /^(\d+):[A-Za-z0-9_-]+$/;

/** The simulator's bots by token; the first one is the default for calls that name none. */
export class BotRegistry {
  private readonly bots = new Map<string, SimulatedBot>();
  readonly defaultBot: SimulatedBot;

  constructor(defaultBot: SimulatedBotOptions = {}) {
    this.defaultBot = this.add(defaultBot);
  }

  /** Registers a bot; throws when the token is malformed, contradicts `id`, or is taken. */
  add(options: SimulatedBotOptions = {}): SimulatedBot {
    const id = this.idFor(options);
    const token = options.token ?? `${id}:${tokenSecret()}`;
    if (this.bots.has(token)) throw new Error(`A bot with token ${token.split(':')[0]}:… already exists`);
    const ordinal = this.bots.size + 1;
    const me: UserFromGetMe = {
      id,
      is_bot: true,
      first_name: options.firstName ?? (ordinal === 1 ? 'Parley Sim' : `Parley Sim ${ordinal}`),
      username: options.username ?? (ordinal === 1 ? 'parley_sim_bot' : `parley_sim_${ordinal}_bot`),
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
    const bot = new SimulatedBot(token, me);
    this.bots.set(token, bot);
    return bot;
  }

  /** The bot with this token, revoked or not; undefined for tokens never registered. */
  byToken(token: string): SimulatedBot | undefined {
    return this.bots.get(token);
  }

  /** The bot a programmatic or control call means: the default without a token; throws for an unknown token. */
  select(token?: string): SimulatedBot {
    if (token === undefined) return this.defaultBot;
    const bot = this.bots.get(token);
    if (!bot) throw new Error('No simulated bot has this token');
    return bot;
  }

  all(): SimulatedBot[] {
    return [...this.bots.values()];
  }

  private idFor(options: SimulatedBotOptions): number {
    if (options.token === undefined) return options.id ?? this.freeId();
    const match = tokenShape.exec(options.token);
    if (!match) throw new Error('A bot token must look like <bot id>:<secret of A-Za-z0-9_->');
    const id = Number(match[1]);
    if (options.id !== undefined && options.id !== id) throw new Error(`Bot id ${options.id} contradicts the token's id ${id}`);
    return id;
  }

  private freeId(): number {
    const taken = new Set(this.all().map((bot) => bot.me.id));
    let id = firstBotId;
    while (taken.has(id)) id += 1;
    return id;
  }
}
