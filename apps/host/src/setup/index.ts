/** `parley setup`: makes Unblu's channels and webhook registration match the configuration. */
export { runSetup } from './run-setup.js';
export { formatSetupResult } from './format-setup-result.js';
export { describeSetupItem } from './setup-result.js';
export type { ChannelTarget, SetupOptions, SetupTarget, WebhookTarget } from './setup-target.js';
export type {
  ChannelSetupResult,
  SetupAction,
  SetupItemResult,
  SetupResult,
  WebhookSetupResult,
} from './setup-result.js';
export { setupMessengers } from './messenger-setup.js';
export type { MessengerSetupOptions, MessengerSetupResult } from './messenger-setup.js';
