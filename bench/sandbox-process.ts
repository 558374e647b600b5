/**
 * Runs the HubSpot sandbox in a process of its own for the sync benchmark, as HubSpot runs on
 * another machine: its request handling must not share an event loop with the client being timed.
 * Started by remote-sandbox.ts; answers admin calls sent over the IPC channel.
 */
import { startSandbox } from '../sandbox/server.ts';
import type { SandboxOptions } from '../sandbox/server.ts';
import { answerCalls } from './child-calls.ts';
import { contactDigest } from './sandbox-protocol.ts';
import type { AdminCall, ContactDigest, ReadyMessage } from './sandbox-protocol.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions;
const sandbox = await startSandbox(options);
const { admin } = sandbox;

function digests(properties: string[]): ContactDigest[] {
  const out: ContactDigest[] = [];
  for (const contact of admin.allContacts()) {
    out.push({ id: contact.id, digest: contactDigest(properties.map((name) => contact.properties[name])) });
  }
  return out;
}

async function answer(call: Exclude<AdminCall, { method: 'close' }>): Promise<unknown> {
  switch (call.method) {
    case 'stats':
      return admin.stats();
    case 'resetStats':
      return admin.resetStats();
    case 'setLatency':
      return admin.setLatency(call.ms, call.jitterMs);
    case 'authorize':
      return admin.authorize({ redirectUri: call.redirectUri });
    case 'updateContacts':
      for (const change of call.changes) admin.updateContact(change.id, change.properties);
      return call.changes.length;
    case 'contactCount':
      return admin.contactCount();
    case 'digests':
      return digests(call.properties);
  }
}

answerCalls(answer, { type: 'ready', url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, redirectUris: sandbox.redirectUris } satisfies ReadyMessage, () => sandbox.close());
