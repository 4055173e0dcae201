import { parseUnbluClientConfig, type UnbluClientConfig, type UnbluClientConfigInput } from './unblu-client-config.js';
import { UnbluHttp } from './unblu-http.js';
import { UnbluV3Api } from './v3/unblu-v3-api.js';
import { UnbluV3Gateway } from './v3/v3-gateway.js';
import { UnbluV4Api } from './v4/unblu-v4-api.js';
import { UnbluV4Gateway } from './v4/v4-gateway.js';

/**
 * Builds core's `UnbluGateway` for the configured web API version: v4 for Unblu 8, v3 for
 * Unblu 7. Validates `config` first. Opens no connection: the first request does.
 *
 * @throws ConfigError listing every configuration problem (values never echoed).
 */
export function createUnbluGateway(config: UnbluClientConfigInput | UnbluClientConfig): UnbluV4Gateway | UnbluV3Gateway {
  const valid = parseUnbluClientConfig(config);
  const http = new UnbluHttp(valid);
  switch (valid.apiVersion) {
    case 'v4':
      return new UnbluV4Gateway(new UnbluV4Api(http));
    case 'v3':
      return new UnbluV3Gateway(new UnbluV3Api(http));
  }
}
