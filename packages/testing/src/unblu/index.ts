export { FakeUnbluGateway } from './fake-unblu-gateway.js';
export type { FakeUnbluGatewayOptions, GatewayCall } from './fake-unblu-gateway.js';
export type {
  FakeConversation,
  FakeVisitor,
  MessageStateKind,
  MessageStateReport,
  PostedMessage,
} from './fake-unblu-chats.js';
export type { FaultSpec, GatewayMethod } from './unblu-faults.js';
