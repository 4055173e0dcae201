export { startBotApiSimulator } from './start-bot-api-simulator.js';
export type {
  ApiCall,
  BotApiLimits,
  BotApiSimulator,
  BotApiSimulatorOptions,
  ChatLogEntry,
  ChatLogFile,
  CustomerProfile,
  FloodControl,
  GroupMessageInput,
  InjectedBotApiError,
  SimulatedBotOptions,
} from './bot-api-simulator.js';
export type { SimulatedCustomer } from './simulated-customer.js';
export { parseHtmlText, type FormattedText } from './html-text.js';
