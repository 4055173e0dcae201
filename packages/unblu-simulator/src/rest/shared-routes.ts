import type { Router } from 'express';
import type { z } from 'zod';
import type { ChannelUpdate } from '../domain/channel-service.js';
import type { NewConversation } from '../domain/conversation-service.js';
import type { WebhookRegistrationUpdate } from '../domain/webhook-registration-service.js';
import type { ApiOperations } from './api-operations.js';
import { expandOf, parseBody, queryParam, requiredQueryParam } from './request-parsing.js';
import { respond } from './respond.js';
import { endBody, person, searchQuery } from './schemas/common-schemas.js';

/** The body schemas that differ between versions for operations whose paths do not. */
export interface VersionSchemas {
  channel: z.ZodType<ChannelUpdate>;
  registration: z.ZodType<WebhookRegistrationUpdate>;
  conversation: z.ZodType<NewConversation>;
}

/** Routes whose path and parameters are the same in v3 and v4. */
export function addSharedRoutes(router: Router, ops: ApiOperations, schemas: VersionSchemas): void {
  router.post('/externalmessengers/create', respond((req) => ops.createChannel(parseBody(schemas.channel, req.body), expandOf(req))));
  router.post('/externalmessengers/update', respond((req) => ops.updateChannel(parseBody(schemas.channel, req.body), expandOf(req))));
  router.get('/externalmessengers/getByName', respond((req) => ops.channelByName(requiredQueryParam(req, 'name'), expandOf(req))));
  router.post(
    '/externalmessengers/search',
    respond((req) =>
      ops.searchChannels('ExternalMessengerChannelResult', parseBody(searchQuery('ExternalMessengerChannelQuery'), req.body), expandOf(req)),
    ),
  );

  router.post('/persons/createOrUpdateVirtual', respond((req) => ops.createOrUpdateVirtualPerson(parseBody(person, req.body), expandOf(req))));
  router.get(
    '/persons/getBySource',
    respond((req) => ops.personBySource(requiredQueryParam(req, 'personSource'), requiredQueryParam(req, 'sourceId'), expandOf(req))),
  );

  router.post('/conversations/create', respond((req) => ops.createConversation(parseBody(schemas.conversation, req.body), expandOf(req))));
  router.get(
    '/conversations/getBySourceIdAndChannelId',
    respond((req) =>
      ops.conversationBySource(requiredQueryParam(req, 'sourceId'), queryParam(req, 'externalMessengerChannelId'), expandOf(req)),
    ),
  );
  router.post(
    '/conversations/:conversationId/end',
    respond((req) => ops.endConversation(String(req.params.conversationId), parseBody(endBody, req.body), expandOf(req))),
  );

  router.post('/webhookregistrations/create', respond((req) => ops.createRegistration(parseBody(schemas.registration, req.body))));
  router.post('/webhookregistrations/update', respond((req) => ops.updateRegistration(parseBody(schemas.registration, req.body))));
  router.get('/webhookregistrations/getByName', respond((req) => ops.registrationByName(requiredQueryParam(req, 'name'))));
  router.post(
    '/webhookregistrations/search',
    respond((req) => ops.searchRegistrations(parseBody(searchQuery('WebhookRegistrationQuery'), req.body))),
  );
}
