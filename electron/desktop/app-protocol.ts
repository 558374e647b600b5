/**
 * Serves the built renderer over app://contact-desk/ (see app-files.ts for why not file://).
 * registerAppScheme must run before the app is ready; serveRenderer after.
 */
import { protocol, type Session } from 'electron';
import { readFile } from 'node:fs/promises';
import type { Logger } from '../core/ports.ts';
import { resolveAppFile, responseHeaders } from './app-files.ts';
import { appScheme, appSchemePrivileges } from './security-policy.ts';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { ...appSchemePrivileges } }]);
}

export function serveRenderer(session: Session, rendererRoot: string, log: Logger): void {
  session.protocol.handle(appScheme, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
    const file = resolveAppFile(rendererRoot, request.url);
    if (file === null) {
      log.warn('app protocol: refused a request', { path: safePath(request.url) });
      return new Response('Not found', { status: 404 });
    }
    try {
      return new Response(await readFile(file.path), { status: 200, headers: responseHeaders(file) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname.slice(0, 200);
  } catch {
    return 'unparseable';
  }
}
