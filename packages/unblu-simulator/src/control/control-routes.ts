import express, { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import { errorHandler, unknownEndpoint } from '../rest/errors.js';
import { parseBody } from '../rest/request-parsing.js';
import { respond } from '../rest/respond.js';
import { endReason, registrationStatus } from '../rest/schemas/common-schemas.js';
import type { UnbluSimulator } from '../unblu-simulator.js';
import { sendAgentPage } from './agent-page.js';

const agent = z
  .object({
    username: z.string().min(1),
    firstName: z.string().min(1),
    lastName: z.string().min(1),
    displayNameForVisitor: z.string().optional(),
    email: z.string().optional(),
  })
  .optional();

const textMessage = z.object({ text: z.string().min(1), internal: z.boolean().optional(), agent });

const fileMessage = z.object({
  fileName: z.string().min(1),
  mimeType: z.string().min(1).default('application/octet-stream'),
  dataBase64: z.string(),
  caption: z.string().optional(),
  internal: z.boolean().optional(),
  agent,
});

const readBody = z.object({ messageIds: z.array(z.string()).optional() }).default({});
const endBody = z.object({ reason: endReason.optional(), comment: z.string().optional(), agent }).default({});
const webhookStatusBody = z.object({ status: registrationStatus });

const faultsBody = z.object({
  errorRate: z.number().optional(),
  errorStatus: z.number().int().optional(),
  latencyMs: z.number().optional(),
  dropRate: z.number().optional(),
  failNext: z.object({ count: z.number().int(), status: z.number().int().optional() }).optional(),
});

/**
 * The simulator's own JSON control API (no auth, no faults) under `/sim`, plus the agent page.
 * It mirrors the programmatic {@link UnbluSimulator} API one to one.
 */
export function createControlRouter(sim: UnbluSimulator, fileDownload: RequestHandler, maxBodyBytes: number): Router {
  const router = Router();
  router.use(express.json({ limit: maxBodyBytes }));
  router.get('/', sendAgentPage);
  router.get('/files/:fileStoreId', fileDownload);
  addConversationRoutes(router, sim);
  router.get('/api/channels', respond(() => sim.channels()));
  router.post(
    '/api/channels/:id/webhook-status',
    respond((req) => sim.setChannelWebhookStatus(id(req), parseBody(webhookStatusBody, req.body).status)),
  );
  router.get('/api/deliveries', respond(() => sim.deliveries()));
  router.get('/api/faults', respond(() => sim.faults()));
  router.put(
    '/api/faults',
    respond((req) => {
      sim.setFaults(parseBody(faultsBody, req.body));
      return sim.faults();
    }),
  );
  router.use(unknownEndpoint);
  router.use(errorHandler);
  return router;
}

/** Inspection and agent actions on conversations. */
function addConversationRoutes(router: Router, sim: UnbluSimulator): void {
  router.get('/api/conversations', respond(() => sim.conversations()));
  router.get('/api/conversations/:id', respond((req) => sim.conversation(id(req))));
  router.get('/api/conversations/:id/messages', respond((req) => sim.messages(id(req))));
  router.post(
    '/api/conversations/:id/messages',
    respond((req) => {
      const { text, ...options } = parseBody(textMessage, req.body);
      return sim.agentSendText(id(req), text, options);
    }),
  );
  router.post(
    '/api/conversations/:id/files',
    respond((req) => {
      const { fileName, mimeType, dataBase64, caption, ...options } = parseBody(fileMessage, req.body);
      return sim.agentSendFile(id(req), { fileName, mimeType, caption, data: Buffer.from(dataBase64, 'base64') }, options);
    }),
  );
  router.post('/api/conversations/:id/read', respond((req) => sim.agentRead(id(req), parseBody(readBody, req.body ?? {}).messageIds)));
  router.post(
    '/api/conversations/:id/end',
    respond((req) => {
      const { reason, ...options } = parseBody(endBody, req.body ?? {});
      return sim.endConversation(id(req), reason, options);
    }),
  );
}

function id(req: Request): string {
  return String(req.params.id);
}
