import { Router, type Request } from 'express';
import type { MessageRef, MessengerParty, VisitorMessageInput } from '../domain/external-messenger-service.js';
import type { ApiOperations } from './api-operations.js';
import { expandOf, parseBody } from './request-parsing.js';
import { respond } from './respond.js';
import { idList, searchQuery, toContent } from './schemas/common-schemas.js';
import { addSharedRoutes } from './shared-routes.js';
import {
  v4Channel,
  v4Contact,
  v4ConversationCreation,
  v4MessageExportQuery,
  v4MessageRef,
  v4MessageSendFailed,
  v4MessageStateChange,
  v4PostMessage,
  v4Registration,
} from './schemas/v4-schemas.js';

/** Web API v4 (Unblu 8): entity ids are path segments. */
export function v4Routes(ops: ApiOperations): Router {
  const router = Router();
  addSharedRoutes(router, ops, { channel: v4Channel, registration: v4Registration, conversation: v4ConversationCreation });
  addChannelRoutes(router, ops);
  addContactRoutes(router, ops);
  router.get('/conversations/:conversationId/read', respond((req) => ops.readConversation(param(req, 'conversationId'), expandOf(req))));
  router.post(
    '/conversationhistory/:conversationId/exportMessageLog',
    respond((req) => ops.exportMessageLog(param(req, 'conversationId'), parseBody(v4MessageExportQuery, req.body))),
  );
  addRegistrationRoutes(router, ops);
  return router;
}

function addChannelRoutes(router: Router, ops: ApiOperations): void {
  router.post(
    '/externalmessengers/searchCustom',
    respond((req) =>
      ops.searchChannels('CustomExternalMessengerChannelResult', parseBody(searchQuery('CustomExternalMessengerChannelQuery'), req.body), expandOf(req)),
    ),
  );
  router.get('/externalmessengers/:channelId/read', respond((req) => ops.readChannel(param(req, 'channelId'), expandOf(req))));
  router.delete('/externalmessengers/:channelId/delete', respond((req) => ops.deleteChannel(param(req, 'channelId'))));
  router.post(
    '/externalmessengers/:channelId/sendPing',
    respond(async (req) => ({ $_type: 'PingResponse', pingId: await ops.pingChannel(param(req, 'channelId')) })),
  );
  router.post(
    '/externalmessengers/:channelId/sendMessage',
    respond((req) => ({ $_type: 'SendMessageResult', messageId: ops.sendMessage(visitorMessage(req)) })),
  );
  router.post(
    '/externalmessengers/:channelId/messageSentSuccessfully',
    respond((req) => ops.messageSentSuccessfully(messageRef(req, parseBody(v4MessageRef, req.body)))),
  );
  router.post(
    '/externalmessengers/:channelId/messageSendFailed',
    respond((req) => {
      const body = parseBody(v4MessageSendFailed, req.body);
      ops.messageSendFailed(messageRef(req, body), body.failState, body.failureText);
    }),
  );
  router.post('/externalmessengers/:channelId/messageDelivered', respond((req) => ops.messageDelivered(...stateChange(req))));
  router.post('/externalmessengers/:channelId/messageRead', respond((req) => ops.messageRead(...stateChange(req))));
}

function addContactRoutes(router: Router, ops: ApiOperations): void {
  router.post('/externalmessengercontacts/create', respond((req) => ops.createContact(parseBody(v4Contact, req.body).fields)));
  router.post(
    '/externalmessengercontacts/update',
    respond((req) => {
      const { id, fields } = parseBody(v4Contact, req.body);
      return ops.updateContact(id, fields);
    }),
  );
  router.post('/externalmessengercontacts/readMultiple', respond((req) => ops.readContacts(parseBody(idList, req.body))));
  router.post(
    '/externalmessengercontacts/search',
    respond((req) => ops.searchContacts(parseBody(searchQuery('ExternalMessengerContactQuery'), req.body))),
  );
  router.get('/externalmessengercontacts/:contactId/read', respond((req) => ops.readContact(param(req, 'contactId'))));
  router.delete('/externalmessengercontacts/:contactId/delete', respond((req) => ops.deleteContact(param(req, 'contactId'))));
}

function addRegistrationRoutes(router: Router, ops: ApiOperations): void {
  router.post(
    '/webhookregistrations/readMultiple',
    respond((req) => ({ $_type: 'WebhookRegistrationList', items: ops.readRegistrations(parseBody(idList, req.body)) })),
  );
  router.get('/webhookregistrations/:registrationId/read', respond((req) => ops.readRegistration(param(req, 'registrationId'))));
  router.delete('/webhookregistrations/:registrationId/delete', respond((req) => ops.deleteRegistration(param(req, 'registrationId'))));
  router.post('/webhookregistrations/:registrationId/sendPing', respond((req) => ops.pingRegistration(param(req, 'registrationId'))));
}

function param(req: Request, name: string): string {
  return String(req.params[name]);
}

function messageRef(req: Request, body: { conversationId: string; messageId: string }): MessageRef {
  return { channelId: param(req, 'channelId'), conversationId: body.conversationId, messageId: body.messageId };
}

function stateChange(req: Request): [MessageRef, MessengerParty | null] {
  const body = parseBody(v4MessageStateChange, req.body);
  const contactId = body.externalMessengerContactId;
  return [messageRef(req, body), contactId ? { by: 'contact', id: contactId, field: 'externalMessengerContactId' } : null];
}

function visitorMessage(req: Request): VisitorMessageInput {
  const body = parseBody(v4PostMessage, req.body);
  const { content, locale } = toContent(body.messageData);
  return {
    channelId: param(req, 'channelId'),
    conversationId: body.conversationId,
    sender: { by: 'contact', id: body.senderExternalMessengerContactId, field: 'senderExternalMessengerContactId' },
    content,
    locale,
    sourceId: body.sourceId,
    recipientPersonIds: body.recipientPersonIds,
    replyToMessageId: body.replyToMessageId,
    externalMessageId: body.externalMessageId,
    replyToExternalMessageId: body.replyToExternalMessageId,
  };
}
