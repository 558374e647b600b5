/**
 * HTTP at the byte level, for tests of what browsers never send: two Host headers, absolute-form
 * targets, half-sent requests, idle connections. fetch() and node:http clients refuse to.
 */
import { connect, type Socket } from 'node:net';

/** Sends bytes (then keeps the socket open for the answer) and resolves with everything received until the server closes. */
export function rawExchange(port: number, bytes: string, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host }, () => socket.write(bytes));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
      // One response is all these tests want; a keep-alive server would otherwise hold the socket.
      if (/\r\n\r\n/.test(answer) && isComplete(answer)) socket.end();
    });
    socket.once('close', () => resolve(answer));
    socket.once('error', reject);
  });
}

function isComplete(answer: string): boolean {
  const [head = '', body = ''] = answer.split('\r\n\r\n', 2);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
  return length !== undefined && Buffer.byteLength(body) >= Number(length);
}

/** The status code of a raw answer (0 when the server closed without one). */
export const statusOf = (answer: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

/** Opens a connection and leaves it idle; resolves once connected. */
export function openIdleConnection(port: number, host = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with what the server sent before it closed this connection. */
export function closedByServer(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', () => {});
    socket.once('close', () => resolve(answer));
  });
}
