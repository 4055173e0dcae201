import { TransientError, type AdapterContext, type Attachment, type AdapterHttpRequest, type AdapterHttpResponse, type OutboundMessage, type SendResult } from '@parley/core';
import { LoopbackAdapter, type LoopbackAdapterOptions } from './loopback-adapter.js';

export interface HttpLoopbackAdapterOptions extends LoopbackAdapterOptions {
  /** Where every outbound message is POSTed as JSON (the "customer's app"); a failure is transient. */
  deliverTo?: string;
}

/** The JSON body `POST <deliverTo>` receives for each message the agent sent. */
export interface LoopbackDelivery {
  parleyMessageId: string;
  chatId: string;
  text?: string;
  attachment?: { fileName: string; mimeType: string; base64: string; caption?: string };
  sender: { kind: string; displayName?: string };
}

const json = (status: number, body: unknown): AdapterHttpResponse => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/**
 * A loopback messenger reachable over HTTP, for host drills and benchmarks that run Parley as a
 * separate process: customers write through the route `POST /customer/messages`
 * (`{ chatId, text, externalMessageId?, name? }`; 200 once committed, 503 when not), read what
 * they got with `GET /customer/sent?chatId=…` (a message may carry `file: { name, type, base64 }`), and every outbound message is also POSTed to
 * `deliverTo`, where a test can count deliveries across restarts.
 */
export class HttpLoopbackAdapter extends LoopbackAdapter {
  private readonly deliverTo: string | undefined;

  constructor(options: HttpLoopbackAdapterOptions = {}) {
    super(options);
    this.deliverTo = options.deliverTo;
  }

  override async start(context: AdapterContext): Promise<void> {
    await super.start(context);
    context.http.register('POST', '/customer/messages', (request) => this.onCustomerMessage(request));
    context.http.register('GET', '/customer/sent', (request) => Promise.resolve(json(200, this.sent(request.query['chatId']))));
  }

  override async send(message: OutboundMessage, signal: AbortSignal): Promise<SendResult> {
    if (this.deliverTo !== undefined) await this.post(this.deliverTo, message, signal);
    return super.send(message, signal);
  }

  private async onCustomerMessage(request: AdapterHttpRequest): Promise<AdapterHttpResponse> {
    let body: { chatId?: unknown; text?: unknown; externalMessageId?: unknown; name?: unknown; file?: { name?: unknown; type?: unknown; base64?: unknown } };
    try {
      body = JSON.parse(Buffer.from(request.rawBody).toString('utf8')) as typeof body;
    } catch {
      return json(400, { error: 'body must be JSON' });
    }
    const attachments = attachmentsFromJson(body.file);
    if (typeof body.chatId !== 'string' || (typeof body.text !== 'string' && attachments.length === 0)) {
      return json(400, { error: 'chatId must be a string, with a text string or a file { name, type, base64 }' });
    }
    const text = typeof body.text === 'string' ? body.text : undefined;
    const externalMessageId = typeof body.externalMessageId === 'string' ? body.externalMessageId : undefined;
    const displayName = typeof body.name === 'string' ? body.name : undefined;
    try {
      return json(200, await this.customerSends(body.chatId, { text, attachments, externalMessageId, sender: { id: body.chatId, displayName } }));
    } catch (error) {
      return json(503, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  private async post(url: string, message: OutboundMessage, signal: AbortSignal): Promise<void> {
    const { attachment } = message;
    const delivery: LoopbackDelivery = {
      parleyMessageId: message.parleyMessageId,
      chatId: message.chatId,
      text: message.text,
      attachment: attachment && { fileName: attachment.fileName, mimeType: attachment.mimeType, caption: attachment.caption, base64: Buffer.from(attachment.data).toString('base64') },
      sender: message.sender,
    };
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(delivery), signal });
    } catch (error) {
      throw new TransientError(`customer app unreachable: ${error instanceof Error ? error.message : String(error)}`, 'loopback.unreachable', { cause: error });
    }
    await response.arrayBuffer();
    if (!response.ok) throw new TransientError(`customer app answered ${response.status}`, 'loopback.unavailable');
  }
}

/** A file as customer pages and drills send it in JSON (`{ name, type, base64 }`); none when malformed. */
export function attachmentsFromJson(file: { name?: unknown; type?: unknown; base64?: unknown } | undefined): Attachment[] {
  if (typeof file?.name !== 'string' || typeof file.base64 !== 'string') return [];
  const mimeType = typeof file.type === 'string' && file.type !== '' ? file.type : 'application/octet-stream';
  return [{ fileName: file.name, mimeType, data: new Uint8Array(Buffer.from(file.base64, 'base64')) }];
}
