import type { Message, Update, User, WebhookInfo } from 'grammy/types';
import type {
  ApiCall,
  BotApiSimulator,
  ChatLogEntry,
  CustomerProfile,
  FloodControl,
  GroupMessageInput,
  InjectedBotApiError,
  SimulatedBotOptions,
} from './bot-api-simulator.js';
import { BotApiError, unauthorized } from './bot-api-errors.js';
import { postGroupMessage } from './inbound-messages.js';
import { CustomerHandle, type SimulatedCustomer } from './simulated-customer.js';
import type { SimulatorState } from './simulator-state.js';
import { customerUser, privateChatOf } from './telegram-messages.js';

/** The programmatic face of a running simulator; see {@link BotApiSimulator} for the contracts. */
export class SimulatorHandle implements BotApiSimulator {
  private readonly customers = new Map<string, SimulatedCustomer>();

  constructor(
    private readonly state: SimulatorState,
    readonly url: string,
    private readonly shutdown: () => Promise<void>,
  ) {}

  get token(): string {
    return this.state.bots.defaultBot.token;
  }

  get botUser(): User {
    return this.state.bots.defaultBot.user;
  }

  addBot(options: SimulatedBotOptions = {}): { token: string; user: User } {
    const bot = this.state.bots.add(options);
    return { token: bot.token, user: bot.user };
  }

  customer(profile: CustomerProfile, token?: string): SimulatedCustomer {
    const bot = this.state.bots.select(token);
    const key = `${bot.token}/${profile.id}`;
    let customer = this.customers.get(key);
    if (!customer) {
      const user = customerUser(profile);
      customer = new CustomerHandle(bot, bot.openChat(privateChatOf(user), user), this.state.files, user);
      this.customers.set(key, customer);
    }
    return customer;
  }

  /** The customers of a bot, in order of creation. */
  customersOf(token?: string): SimulatedCustomer[] {
    const bot = this.state.bots.select(token);
    return [...this.customers.entries()].filter(([key]) => key.startsWith(`${bot.token}/`)).map(([, customer]) => customer);
  }

  groupMessage(input: GroupMessageInput, token?: string): Message {
    return postGroupMessage(this.state.bots.select(token), input);
  }

  injectUpdate(update: Omit<Update, 'update_id'>, token?: string): Update {
    return this.state.bots.select(token).updates.push(update);
  }

  chatLog(chatId: number | string, token?: string): readonly ChatLogEntry[] {
    return [...(this.state.bots.select(token).chat(chatId)?.log ?? [])];
  }

  sentTo(chatId: number | string, token?: string): readonly ChatLogEntry[] {
    return this.chatLog(chatId, token).filter((entry) => entry.from === 'bot');
  }

  calls(method?: string): readonly ApiCall[] {
    const wanted = method?.toLowerCase();
    return this.state.calls.filter((call) => wanted === undefined || call.method.toLowerCase() === wanted);
  }

  pendingUpdates(token?: string): readonly Update[] {
    return this.state.bots.select(token).updates.pending();
  }

  fileData(fileId: string): Uint8Array | undefined {
    return this.state.files.get(fileId)?.data;
  }

  failNext(method: string, error: InjectedBotApiError): void {
    const parameters = error.retryAfter !== undefined ? { retry_after: error.retryAfter } : undefined;
    this.state.faults.add(method, { kind: 'fail', error: new BotApiError(error.errorCode, error.description, parameters) }, error.times ?? 1);
  }

  loseNextAnswer(method: string): void {
    this.state.faults.add(method, { kind: 'lose' });
  }

  dropNext(method: string): void {
    this.state.faults.add(method, { kind: 'drop' });
  }

  setLatency(method: string, ms: number): void {
    this.state.faults.setLatency(method, ms);
  }

  setFloodControl(control: FloodControl | undefined): void {
    this.state.flood.configure(control);
  }

  revokeToken(token?: string): void {
    const bot = this.state.bots.select(token);
    bot.revoked = true;
    bot.longPoll.end(unauthorized());
    void this.state.pusher(bot).stop();
  }

  webhookInfo(token?: string): WebhookInfo {
    return this.state.bots.select(token).webhookInfo();
  }

  close(): Promise<void> {
    return this.shutdown();
  }
}
