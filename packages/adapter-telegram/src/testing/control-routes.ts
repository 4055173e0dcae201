import type { Message } from 'grammy/types';
import { z } from 'zod';
import { chatLogEntryView, customerView } from './control-views.js';
import { customerPage } from './customer-page.js';
import type { HttpExchange } from './http-exchange.js';
import { octetStream } from './mime-types.js';
import { readBodyBytes } from './request-payload.js';
import type { SimulatedBot } from './simulated-bot.js';
import type { SimulatedCustomer } from './simulated-customer.js';
import type { SimulatorHandle } from './simulator-handle.js';
import type { SimulatorState } from './simulator-state.js';

const newCustomer = z.strictObject({
  id: z.number().int().positive().optional(),
  firstName: z.string().min(1),
  lastName: z.string().min(1).optional(),
  username: z.string().min(1).optional(),
  languageCode: z.string().min(2).optional(),
});

const newMessage = z
  .strictObject({
    text: z.string().min(1).optional(),
    replyTo: z.number().int().positive().optional(),
    caption: z.string().optional(),
    file: z.strictObject({ name: z.string().min(1), type: z.string().min(1), base64: z.string() }).optional(),
  })
  .refine((body) => body.text !== undefined || body.file !== undefined, { message: 'needs text or file' })
  .refine((body) => !(body.text !== undefined && body.file !== undefined), { message: 'send text and file separately (caption goes with the file)' });

const edit = z.strictObject({ messageId: z.number().int().positive(), text: z.string().min(1) });
const blocking = z.strictObject({ blocked: z.boolean() });

/** A control API failure: answered as `{ error }` with this status. */
class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface ControlRequest {
  exchange: HttpExchange;
  bot: SimulatedBot;
  token: string | undefined;
  /** The path's capture groups. */
  params: string[];
}

interface ControlRoute {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handle(request: ControlRequest): Answer | Promise<Answer>;
}

/**
 * The simulator's own HTTP API for other processes and the customer page, on the same port as
 * the Bot API: no auth (bind to loopback), JSON in and out, `?token=` picks a bot other than the
 * default. Bodies are validated; a bad one gets 400 naming each problem.
 */
export class ControlRoutes {
  private readonly routes: ControlRoute[];

  constructor(
    private readonly sim: SimulatorHandle,
    private readonly state: SimulatorState,
  ) {
    this.routes = [
      { method: 'GET', pattern: /^\/$/, handle: () => this.page() },
      { method: 'GET', pattern: /^\/_sim\/bot$/, handle: ({ bot }) => json({ user: bot.me, webhook: bot.webhookInfo() }) },
      { method: 'GET', pattern: /^\/_sim\/customers$/, handle: ({ bot, token }) => json(this.sim.customersOf(token).map((c) => customerView(bot, c))) },
      { method: 'POST', pattern: /^\/_sim\/customers$/, handle: (request) => this.createCustomer(request) },
      { method: 'GET', pattern: /^\/_sim\/chats\/(-?\d+)$/, handle: (request) => this.chat(request) },
      { method: 'POST', pattern: /^\/_sim\/chats\/(-?\d+)\/messages$/, handle: (request) => this.postMessage(request) },
      { method: 'POST', pattern: /^\/_sim\/chats\/(-?\d+)\/edits$/, handle: (request) => this.edit(request) },
      { method: 'POST', pattern: /^\/_sim\/chats\/(-?\d+)\/blocked$/, handle: (request) => this.block(request) },
      { method: 'GET', pattern: /^\/_sim\/files\/([^/]+)$/, handle: (request) => this.file(request) },
      { method: 'GET', pattern: /^\/_sim\/calls$/, handle: ({ exchange }) => json(this.sim.calls(exchange.url.searchParams.get('method') ?? undefined)) },
    ];
  }

  /** Serves a control request; false when no control route matches the path. */
  async serve(exchange: HttpExchange): Promise<boolean> {
    const matching = this.routes.map((route) => ({ route, match: route.pattern.exec(exchange.url.pathname) })).filter((found) => found.match);
    if (matching.length === 0) return false;
    const found = matching.find(({ route }) => route.method === exchange.method);
    try {
      if (!found?.match) throw new ControlError(405, `Use ${matching.map(({ route }) => route.method).join(' or ')} here`);
      const token = exchange.url.searchParams.get('token') ?? undefined;
      const bot = this.state.bots.byToken(token ?? this.state.bots.defaultBot.token);
      if (!bot) throw new ControlError(404, 'No simulated bot has this token');
      const answer = await found.route.handle({ exchange, bot, token, params: found.match.slice(1) });
      await exchange.send(answer.status ?? 200, { 'content-type': answer.contentType, ...answer.headers }, answer.body);
    } catch (error) {
      const status = error instanceof ControlError ? error.status : 500;
      await exchange.json(status, { error: error instanceof Error ? error.message : String(error) });
    }
    return true;
  }

  private page(): Answer {
    return { contentType: 'text/html; charset=utf-8', body: customerPage() };
  }

  private async createCustomer(request: ControlRequest): Promise<Answer> {
    const body = await this.body(request, newCustomer);
    const id = body.id ?? this.freeCustomerId(request);
    const customer = this.sim.customer({ ...body, id }, request.token);
    return json(customerView(request.bot, customer), 201);
  }

  private chat({ bot, params }: ControlRequest): Answer {
    const chat = bot.chat(Number(params[0]));
    if (!chat) throw new ControlError(404, `No chat ${params[0]}`);
    const customer = chat.customer ? customerViewOf(this.sim, bot, chat.customer.id) : undefined;
    return json({ chatId: chat.chat.id, chat: chat.chat, ...(customer ? { customer } : {}), messages: chat.log.map((entry) => chatLogEntryView(entry, this.sim.url)) });
  }

  private async postMessage(request: ControlRequest): Promise<Answer> {
    const body = await this.body(request, newMessage, Math.ceil((this.state.limits.uploadBytes * 4) / 3) + 1024 * 1024);
    const customer = this.customerOf(request);
    const message = body.file
      ? sendFile(customer, body.file.name, body.file.type, Buffer.from(body.file.base64, 'base64'), body.caption)
      : customer.sendText(body.text ?? '', body.replyTo !== undefined ? { replyTo: body.replyTo } : {});
    return json(this.entryView(request, message), 201);
  }

  private async edit(request: ControlRequest): Promise<Answer> {
    const body = await this.body(request, edit);
    const customer = this.customerOf(request);
    try {
      return json(this.entryView(request, customer.editText(body.messageId, body.text)));
    } catch (error) {
      throw new ControlError(400, error instanceof Error ? error.message : String(error));
    }
  }

  private async block(request: ControlRequest): Promise<Answer> {
    const body = await this.body(request, blocking);
    const customer = this.customerOf(request);
    if (body.blocked) customer.block();
    else customer.unblock();
    return json(customerView(request.bot, customer));
  }

  private file({ params }: ControlRequest): Answer {
    const file = this.state.files.get(decodeURIComponent(params[0] ?? ''));
    if (!file?.data) throw new ControlError(404, 'No file with this id holds bytes');
    const disposition = `inline; filename*=UTF-8''${encodeURIComponent(file.fileName ?? file.filePath.split('/').pop() ?? 'file')}`;
    return { contentType: file.mimeType ?? (file.kind === 'photo' ? 'image/jpeg' : octetStream), headers: { 'content-disposition': disposition }, body: file.data };
  }

  private customerOf({ bot, token, params }: ControlRequest): SimulatedCustomer {
    const chatId = Number(params[0]);
    const chat = bot.chat(chatId);
    if (!chat?.customer) throw new ControlError(404, `No customer has chat ${params[0]}; create one with POST /_sim/customers`);
    return this.sim.customer({ id: chat.customer.id, firstName: chat.customer.first_name }, token);
  }

  private entryView({ bot }: ControlRequest, message: Message): unknown {
    const entry = bot.chat(message.chat.id)?.entry(message.message_id);
    return entry ? chatLogEntryView(entry, this.sim.url) : message;
  }

  private freeCustomerId({ token }: ControlRequest): number {
    const taken = new Set(this.sim.customersOf(token).map((customer) => customer.user.id));
    let id = 700_000_001;
    while (taken.has(id)) id += 1;
    return id;
  }

  private async body<T>({ exchange }: ControlRequest, schema: z.ZodType<T>, maxBytes = 1024 * 1024): Promise<T> {
    let raw: unknown;
    try {
      raw = JSON.parse((await readBodyBytes(exchange.req, maxBytes)).toString('utf8') || '{}');
    } catch (error) {
      throw new ControlError(error instanceof SyntaxError ? 400 : 413, error instanceof SyntaxError ? 'The body is not JSON' : 'The body is too large');
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      throw new ControlError(400, `Invalid body: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ')}`);
    }
    return parsed.data;
  }
}

interface Answer {
  status?: number;
  contentType: string;
  headers?: Record<string, string>;
  body: string | Uint8Array;
}

function json(value: unknown, status = 200): Answer {
  return { status, contentType: 'application/json', body: JSON.stringify(value) };
}

function customerViewOf(sim: SimulatorHandle, bot: SimulatedBot, id: number): ReturnType<typeof customerView> | undefined {
  const customer = sim.customersOf(bot.token).find((candidate) => candidate.user.id === id);
  return customer ? customerView(bot, customer) : undefined;
}

/** Picks the message kind a Telegram client would send for this file type. */
function sendFile(customer: SimulatedCustomer, fileName: string, type: string, data: Uint8Array, caption: string | undefined): Message {
  const withCaption = caption ? { caption } : {};
  if (/^image\/(jpeg|png|webp)$/.test(type)) return customer.sendPhoto(data, withCaption);
  if (type.startsWith('video/')) return customer.sendVideo(data, { fileName, mimeType: type, ...withCaption });
  if (type === 'audio/ogg') return customer.sendVoice(data, { mimeType: type });
  return customer.sendDocument(data, { fileName, mimeType: type, ...withCaption });
}
