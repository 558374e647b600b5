/** Fault injection for API calls: outage, dropped connections, 5xx, 429 bursts, daily limit. */
import { correlationId } from './http-util.ts';
import type { RateLimitPolicy } from './rate-limit.ts';
import type { SandboxState } from './state.ts';

export type FaultAction =
  | { kind: 'drop' }
  | { kind: 'server-error'; status: number; contentType: string; body: string };

export function serverErrorResponse(status: 502 | 503 | 504): { status: number; contentType: string; body: string } {
  if (status === 502) {
    // what an edge proxy answers: HTML, not JSON
    return {
      status,
      contentType: 'text/html; charset=utf-8',
      body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n',
    };
  }
  const body = status === 503
    ? { status: 'error', message: 'The service is temporarily unavailable. Please try again later.', correlationId: correlationId(), category: 'SERVICE_UNAVAILABLE' }
    : { status: 'error', message: 'The request timed out at the gateway. Please try again.', correlationId: correlationId(), category: 'GATEWAY_TIMEOUT' };
  return { status, contentType: 'application/json;charset=utf-8', body: JSON.stringify(body) };
}

/** Outage, dropped connections and 5xx: they hit every API call (OAuth included), before auth. */
export function pickTransportFault(state: SandboxState): FaultAction | undefined {
  const f = state.faults;
  if (f.down) return { kind: 'server-error', ...serverErrorResponse(503) };
  if (f.dropConnectionRate && state.faultRng.next() < f.dropConnectionRate) return { kind: 'drop' };
  if (f.serverErrorRate && state.faultRng.next() < f.serverErrorRate) {
    const status = ([502, 503, 504] as const)[state.faultRng.int(3)] ?? 503;
    return { kind: 'server-error', ...serverErrorResponse(status) };
  }
  return undefined;
}

/** 429 faults: only for calls HubSpot rate-limits (authenticated CRM calls), after auth. */
export function pickRateFault(state: SandboxState): RateLimitPolicy | undefined {
  const f = state.faults;
  if (f.burst429 && f.burst429 > 0) {
    f.burst429--;
    return 'TEN_SECONDLY_ROLLING';
  }
  if (f.dailyLimitReached) return 'DAILY';
  return undefined;
}
