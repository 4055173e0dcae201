import type { RequestHandler } from 'express';
import { sendError } from './errors.js';

/** A user of the simulated server, accepted with HTTP Basic authentication. */
export interface Credentials {
  username: string;
  password: string;
}

/**
 * Requires HTTP Basic credentials of a known user, or one of the accepted bearer tokens. Anything
 * else gets 401 with an `Error` body and a `WWW-Authenticate` challenge.
 */
export function requireAuthentication(users: readonly Credentials[], bearerTokens: readonly string[]): RequestHandler {
  const challenges = ['Basic realm="Unblu", charset="UTF-8"', ...(bearerTokens.length ? ['Bearer realm="Unblu"'] : [])];
  return (req, res, next) => {
    const header = req.headers.authorization;
    if (header && isAccepted(header, users, bearerTokens)) return next();
    res.setHeader('WWW-Authenticate', challenges);
    sendError(res, 401, header ? 'the credentials are not valid' : 'authentication is required');
  };
}

function isAccepted(header: string, users: readonly Credentials[], bearerTokens: readonly string[]): boolean {
  const [scheme, value = ''] = header.trim().split(/\s+/, 2);
  switch (scheme.toLowerCase()) {
    case 'basic': {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return false;
      const username = decoded.slice(0, colon);
      const password = decoded.slice(colon + 1);
      return users.some((u) => u.username === username && u.password === password);
    }
    case 'bearer':
      return bearerTokens.includes(value);
    default:
      return false;
  }
}
