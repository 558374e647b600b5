/**
 * Who may use the preview server: the browser that opened the one-time launch link. The link's
 * token is exchanged once for a session cookie (HttpOnly, SameSite=Strict) and then forgotten, so
 * nothing another local user can fetch (the page, the API, the event stream, a download) carries a
 * secret, and a link copied from a terminal's scrollback or a process list is worthless once used.
 *
 * Sessions live in this process only: a restarted preview knows none, and prints a new link.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface PreviewSession {
  readonly id: string;
}

export interface PreviewSessions {
  /** A fresh launch token; any earlier unused one stops working. */
  newLaunchToken(): string;
  /** Exchanges the launch token for a new session, once; null when it is not the pending token. */
  redeem(token: string): PreviewSession | null;
  /** The session this request's cookie names, or null. */
  sessionOf(request: IncomingMessage): PreviewSession | null;
  /** The Set-Cookie header value that hands a session to the browser. */
  cookieFor(session: PreviewSession): string;
}

const tokenBytes = 32;

/** The cookie name carries the port: browsers share cookies between ports of one host. */
export function createPreviewSessions(port: number): PreviewSessions {
  const cookieName = `contact-desk-preview-${port}`;
  let pendingLaunch: Buffer | null = null;
  // Keyed by a hash of the cookie value, so a lookup's timing says nothing about the value itself.
  const sessions = new Map<string, PreviewSession>();
  const keyOf = (value: string) => createHash('sha256').update(value).digest('base64url');

  return {
    newLaunchToken() {
      const token = randomBytes(tokenBytes).toString('base64url');
      pendingLaunch = Buffer.from(token);
      return token;
    },
    redeem(token) {
      const given = Buffer.from(token);
      if (pendingLaunch === null || given.length !== pendingLaunch.length || !timingSafeEqual(given, pendingLaunch)) return null;
      pendingLaunch = null;
      const session = { id: randomBytes(tokenBytes).toString('base64url') };
      sessions.set(keyOf(session.id), session);
      return session;
    },
    sessionOf(request) {
      for (const value of cookieValues(request.headers.cookie, cookieName)) {
        const session = sessions.get(keyOf(value));
        if (session) return session;
      }
      return null;
    },
    cookieFor(session) {
      // No Max-Age: the cookie ends with the browser session, and the server forgets it on restart anyway.
      return `${cookieName}=${session.id}; Path=/; HttpOnly; SameSite=Strict`;
    },
  };
}

function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  return header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`))
    .map((part) => part.slice(name.length + 1));
}
