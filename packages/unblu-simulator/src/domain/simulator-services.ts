import { AgentDesk } from './agent-desk.js';
import { ChannelService } from './channel-service.js';
import { ContactService } from './contact-service.js';
import { ConversationService } from './conversation-service.js';
import { ExternalMessengerService } from './external-messenger-service.js';
import { MessageRecorder } from './message-recorder.js';
import { PersonService } from './person-service.js';
import type { ChannelPort, ConversationEventPort } from './ports.js';
import type { SimulatorState } from './simulator-state.js';
import { WebhookRegistrationService } from './webhook-registration-service.js';

/** The simulated server's behaviour, independent of API version and transport. */
export interface SimulatorServices {
  state: SimulatorState;
  channels: ChannelService;
  contacts: ContactService;
  persons: PersonService;
  conversations: ConversationService;
  messenger: ExternalMessengerService;
  registrations: WebhookRegistrationService;
  agentDesk: AgentDesk;
}

/** Wires the domain services around one state and the two outgoing ports. */
export function createSimulatorServices(
  state: SimulatorState,
  channelEndpoint: ChannelPort,
  events: ConversationEventPort,
): SimulatorServices {
  const persons = new PersonService(state);
  const conversations = new ConversationService(state, events);
  const recorder = new MessageRecorder(state, events);
  return {
    state,
    persons,
    conversations,
    channels: new ChannelService(state, channelEndpoint, conversations),
    contacts: new ContactService(state, conversations),
    messenger: new ExternalMessengerService(state, conversations, recorder),
    registrations: new WebhookRegistrationService(state, events),
    agentDesk: new AgentDesk(state, persons, conversations, recorder, channelEndpoint),
  };
}
