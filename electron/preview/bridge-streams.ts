/**
 * The preview's pushes to its pages (server-sent events, one stream per tab, capped per browser
 * session so one session cannot hold every connection) and its one-time download links.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { send } from './bridge-pages.ts';
import type { PreviewSession } from './preview-sessions.ts';

export interface EventStreams {
  /** Opens a stream for this tab; false (and nothing written) when the session has its maximum already. */
  open(request: IncomingMessage, response: ServerResponse, session: PreviewSession): boolean;
  publish(frame: string): void;
  closeAll(): void;
}

export function createEventStreams(perSession: number): EventStreams {
  const streams = new Map<PreviewSession, Set<ServerResponse>>();
  return {
    open(request, response, session) {
      const open = streams.get(session) ?? new Set<ServerResponse>();
      if (open.size >= perSession) return false;
      streams.set(session, open.add(response));
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      request.on('close', () => open.delete(response));
      return true;
    },
    publish(frame) {
      for (const open of streams.values()) for (const stream of open) stream.write(frame);
    },
    closeAll() {
      for (const open of streams.values()) for (const stream of open) stream.end();
    },
  };
}

export interface Downloads {
  /** A one-time URL (same origin, by path) for a finished file. */
  offer(path: string, fileName: string): string;
  serve(response: ServerResponse, id: string): void;
}

export function createDownloads(): Downloads {
  const offered = new Map<string, { path: string; fileName: string }>();
  return {
    offer(path, fileName) {
      const id = randomBytes(16).toString('base64url');
      offered.set(id, { path, fileName: basename(fileName) });
      return `/downloads/${id}`;
    },
    serve(response, id) {
      const download = offered.get(id);
      if (!download) return send(response, 404, 'Not found.');
      offered.delete(id);
      response.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(download.fileName)}`,
        'cache-control': 'no-store',
      });
      createReadStream(download.path).pipe(response);
    },
  };
}
