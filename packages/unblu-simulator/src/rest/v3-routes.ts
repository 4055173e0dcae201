import { Router, type Request } from 'express';
import type { MessageRef, MessengerParty, VisitorMessageInput } from '../domain/external-messenger-service.js';
import type { ApiOperations } from './api-operations.js';
import { expandOf, parseBody, requiredQueryParam } from './request-parsing.js';
import { respond } from './respond.js';
import { idList, toContent } from './schemas/common-schemas.js';
import { addSharedRoutes } from './shared-routes.js';
import {
  v3Channel,
  v3Conversation,
  v3MessageRef,
  v3MessageSendFailed,
  v3MessageStateChange,
  v3PingChannel,
  v3PingRegistration,
  v3PostMessage,
  v3Registration,
} from './schemas/v3-schemas.js';

/** Web API v3 (Unblu 7): entity ids travel as `?id=` or in the body, never in the path. */
export function v3Routes(ops: ApiOperations): Router {
  const router = Router();
  addSharedRoutes(router, ops, { channel: v3Channel, registration: v3Registration, conversation: v3Conversation });
  addChannelRoutes(router, ops);
  router.get('/conversations/read', respond((req) => ops.readConversation(requiredQueryParam(req, 'id'), expandOf(req))));
  addRegistrationRoutes(router, ops);
  return router;
}

function addChannelRoutes(router: Router, ops: ApiOperations): void {
  router.get('/externalmessengers/read', respond((req) => ops.readChannel(requiredQueryParam(req, 'id'), expandOf(req))));
  router.delete('/externalmessengers/delete', respond((req) => ops.deleteChannel(requiredQueryParam(req, 'id'))));
  router.post(
    '/externalmessengers/pingCustomChannel',
    respond(async (req) => {
      await ops.pingChannel(parseBody(v3PingChannel, req.body).externalMessengerChannelId);
    }),
  );
  // Unlike v4's SendMessageResult, v3 answers with the bare message id as a JSON string.
  router.post('/externalmessengers/sendMessage', respond((req) => ops.sendMessage(visitorMessage(req))));
  router.post(
    '/externalmessengers/messageSentSuccessfully',
    respond((req) => ops.messageSentSuccessfully(messageRef(parseBody(v3MessageRef, req.body)))),
  );
  router.post(
    '/externalmessengers/messageSendFailed',
    respond((req) => {
      const body = parseBody(v3MessageSendFailed, req.body);
      ops.messageSendFailed(messageRef(body), body.failedState, body.failureText);
    }),
  );
  router.post('/externalmessengers/messageDelivered', respond((req) => ops.messageDelivered(...stateChange(req))));
  router.post('/externalmessengers/messageRead', respond((req) => ops.messageRead(...stateChange(req))));
}

function addRegistrationRoutes(router: Router, ops: ApiOperations): void {
  router.post('/webhookregistrations/readMultiple', respond((req) => ops.readRegistrations(parseBody(idList, req.body))));
  router.get('/webhookregistrations/read', respond((req) => ops.readRegistration(requiredQueryParam(req, 'id'))));
  router.delete('/webhookregistrations/delete', respond((req) => ops.deleteRegistration(requiredQueryParam(req, 'id'))));
  router.post('/webhookregistrations/ping', respond((req) => ops.pingRegistration(parseBody(v3PingRegistration, req.body).id)));
}

function messageRef(body: { conversationId: string; externalMessengerChannelId: string; messageId: string }): MessageRef {
  return { channelId: body.externalMessengerChannelId, conversationId: body.conversationId, messageId: body.messageId };
}

function stateChange(req: Request): [MessageRef, MessengerParty | null] {
  const body = parseBody(v3MessageStateChange, req.body);
  return [messageRef(body), body.personId ? { by: 'person', id: body.personId, field: 'personId' } : null];
}

function visitorMessage(req: Request): VisitorMessageInput {
  const body = parseBody(v3PostMessage, req.body);
  const { content, locale } = toContent(body.messageData);
  return {
    channelId: body.externalMessengerChannelId,
    conversationId: body.conversationId,
    sender: { by: 'person', id: body.senderPersonId, field: 'senderPersonId' },
    content,
    locale,
    sourceId: body.sourceId,
    recipientPersonIds: body.recipientPersonIds,
    replyToMessageId: body.replyToMessageId,
  };
}
