import express, { type Express } from 'express';
import { attachmentsFromJson, type LoopbackAdapter } from '@parley/testing';
import { CUSTOMER_PAGE } from './customer-page.js';

/**
 * The sandbox's customer side: a page and a small JSON API that play the customer of a loopback
 * messenger — write as any customer (the chat id), and see what the agent sent back.
 */
export function createCustomerApp(adapter: LoopbackAdapter): Express {
  const app = express();
  app.use(express.json({ limit: '12mb' }));
  app.get('/', (_req, res) => {
    res.type('html').send(CUSTOMER_PAGE);
  });
  app.post('/api/chats/:chatId/messages', async (req, res) => {
    const chatId = String(req.params['chatId']);
    const body = (req.body ?? {}) as { text?: unknown; name?: unknown; file?: { name?: unknown; type?: unknown; base64?: unknown } };
    const text = typeof body.text === 'string' && body.text.trim() !== '' ? body.text : undefined;
    const attachments = attachmentsFromJson(body.file);
    if (!text && attachments.length === 0) {
      res.status(400).json({ error: 'text or file is required' });
      return;
    }
    const name = typeof body.name === 'string' && body.name.trim() !== '' ? body.name : `Customer ${chatId}`;
    try {
      const ack = await adapter.customerSends(chatId, { text, attachments, sender: { id: chatId, displayName: name } });
      res.status(202).json(ack);
    } catch (error) {
      res.status(503).json({ error: error instanceof Error ? error.message : String(error) });
    }
  });
  app.get('/api/chats/:chatId', (req, res) => {
    const received = adapter.sent(String(req.params['chatId'])).map((m) => ({ at: m.at, text: m.text, file: m.attachment?.fileName, sender: m.sender.displayName }));
    res.json({ received });
  });
  return app;
}
