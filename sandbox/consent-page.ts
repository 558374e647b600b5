/**
 * The consent page (GET /oauth/authorize, /oauth/{accountId}/authorize) and its decision
 * (POST /oauth/authorize/decision). Invalid client_id / redirect_uri / scopes give an error page,
 * never a redirect; after that, outcomes go back to the redirect_uri as HubSpot does.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, readForm, redirect, sendHtml } from './http-util.ts';
import { KNOWN_SCOPES } from './oauth.ts';
import type { OAuthService } from './oauth.ts';
import type { Account, SandboxState } from './state.ts';

const PENDING_TTL_MS = 30 * 60_000;

interface PendingRequest {
  id: string;
  redirectUri: string;
  scopes: string[];
  optionalScopes: string[];
  state?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  accounts: Account[];
  expiresAt: number;
}

const STYLE = `
  :root { color-scheme: light; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933; background: #f5f8fa; }
  main { max-width: 36rem; margin: 3rem auto; padding: 2rem; background: #fff; border: 1px solid #cbd6e2; border-radius: 8px; }
  h1 { font-size: 1.5rem; line-height: 1.3; margin: 0 0 1rem; color: #213343; }
  h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; color: #213343; }
  .sandbox { display: inline-block; margin-bottom: 1rem; padding: .2rem .6rem; border-radius: 4px; background: #fff3c4; color: #5c4400; font-weight: 600; font-size: .875rem; }
  ul { padding-left: 1.25rem; }
  fieldset { border: 1px solid #cbd6e2; border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
  legend { font-weight: 600; padding: 0 .25rem; }
  label { display: block; padding: .35rem 0; cursor: pointer; }
  .actions { display: flex; gap: .75rem; margin-top: 1.5rem; }
  button { font: inherit; font-weight: 600; padding: .6rem 1.25rem; border-radius: 4px; cursor: pointer; border: 2px solid #0b5c7a; }
  button.primary { background: #0b5c7a; color: #fff; }
  button.secondary { background: #fff; color: #0b5c7a; }
  button:focus-visible, input:focus-visible { outline: 3px solid #b34700; outline-offset: 2px; }
  .error { border-left: 4px solid #b3261e; padding: .5rem 1rem; background: #fdecea; color: #5f1410; }
  .small { font-size: .875rem; color: #425b76; }
  code { overflow-wrap: anywhere; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export function errorPage(title: string, detail: string): string {
  return page(`${title} | HubSpot sandbox`, `<span class="sandbox">HubSpot sandbox</span>
<h1>${escapeHtml(title)}</h1>
<div class="error" role="alert"><p>${escapeHtml(detail)}</p></div>
<p class="small">Nothing was shared with the app. You can close this window.</p>`);
}

export class ConsentPage {
  private readonly state: SandboxState;
  private readonly oauth: OAuthService;
  private readonly pending = new Map<string, PendingRequest>();

  constructor(state: SandboxState, oauth: OAuthService) {
    this.state = state;
    this.oauth = oauth;
  }

  handleAuthorize(url: URL, accountIdFromPath: string | undefined, res: ServerResponse): void {
    const { config } = this.state;
    const q = url.searchParams;
    const clientId = q.get('client_id');
    if (!clientId || clientId !== config.clientId) {
      sendHtml(res, 400, errorPage('This app could not be found', `The link you followed names an app (client_id ${clientId ? `"${clientId}"` : 'missing'}) that does not exist. Ask the app's developer to check its client ID.`));
      return;
    }
    const redirectUri = q.get('redirect_uri');
    if (!redirectUri || !config.redirectUris.includes(redirectUri)) {
      sendHtml(res, 400, errorPage('Redirect URL mismatch', `The app asked to send you back to ${redirectUri ? `"${redirectUri}"` : 'no address'}, which is not one of the redirect URLs registered for ${config.appName}.`));
      return;
    }
    const scopes = splitScopes(q.get('scope'));
    const optionalScopes = splitScopes(q.get('optional_scope')).filter((s) => !scopes.includes(s));
    if (scopes.length === 0) {
      sendHtml(res, 400, errorPage('Missing scopes', 'The app did not say what access it needs (the scope parameter is missing).'));
      return;
    }
    const unknown = [...scopes, ...optionalScopes].filter((s) => !(s in KNOWN_SCOPES));
    if (unknown.length > 0) {
      sendHtml(res, 400, errorPage('Unknown scopes', `Authorization failed because the app asked for scopes that do not exist: ${unknown.join(', ')}.`));
      return;
    }
    let accounts = this.state.accounts;
    if (accountIdFromPath !== undefined) {
      accounts = accounts.filter((a) => String(a.hubId) === accountIdFromPath);
      if (accounts.length === 0) {
        sendHtml(res, 400, errorPage('Account not found', `There is no HubSpot account ${accountIdFromPath} you can install apps in.`));
        return;
      }
    }
    const state = q.get('state') ?? undefined;
    const codeChallenge = q.get('code_challenge') ?? undefined;
    const method = q.get('code_challenge_method') ?? undefined;
    if (codeChallenge !== undefined || method !== undefined) {
      const methodOk = method === undefined || method === 'S256' || method === 'plain';
      const challengeOk = codeChallenge !== undefined && /^[A-Za-z0-9\-._~]{43,128}$/.test(codeChallenge);
      if (!methodOk || !challengeOk) {
        redirect(res, withParams(redirectUri, {
          error: 'invalid_request',
          error_description: !methodOk ? 'code_challenge_method must be S256' : 'code_challenge is missing or malformed',
          state,
        }));
        return;
      }
    }
    const id = randomUUID();
    this.prune();
    this.pending.set(id, {
      id, redirectUri, scopes, optionalScopes, accounts,
      expiresAt: Date.now() + PENDING_TTL_MS,
      ...(state !== undefined ? { state } : {}),
      ...(codeChallenge !== undefined ? { codeChallenge, codeChallengeMethod: method ?? 'plain' } : {}),
    });
    sendHtml(res, 200, this.render(this.pending.get(id) as PendingRequest));
  }

  async handleDecision(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    const pending = form.request_id ? this.pending.get(form.request_id) : undefined;
    if (!pending || pending.expiresAt < Date.now()) {
      sendHtml(res, 400, errorPage('This request has expired', 'This sign-in request was already used or is too old. Go back to the app and start connecting again.'));
      return;
    }
    if (form.decision === 'cancel') {
      this.pending.delete(pending.id);
      redirect(res, withParams(pending.redirectUri, {
        error: 'access_denied',
        error_description: 'The user declined to connect the app.',
        state: pending.state,
      }));
      return;
    }
    if (form.decision !== 'connect') {
      sendHtml(res, 400, this.render(pending, 'Choose Connect app or Cancel.'));
      return;
    }
    const account = pending.accounts.length === 1 && !form.account
      ? pending.accounts[0]
      : pending.accounts.find((a) => String(a.hubId) === form.account);
    if (!account) {
      sendHtml(res, 400, this.render(pending, 'Choose the account to connect.'));
      return;
    }
    this.pending.delete(pending.id);
    const code = this.oauth.issueCode({
      clientId: this.state.config.clientId,
      redirectUri: pending.redirectUri,
      hubId: account.hubId,
      scopes: [...pending.scopes, ...pending.optionalScopes],
      ...(pending.codeChallenge ? { codeChallenge: pending.codeChallenge, codeChallengeMethod: pending.codeChallengeMethod ?? 'plain' } : {}),
    });
    redirect(res, withParams(pending.redirectUri, { code, state: pending.state }));
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, p] of this.pending) if (p.expiresAt < now) this.pending.delete(id);
  }

  private render(p: PendingRequest, error?: string): string {
    const appName = this.state.config.appName;
    const scopeItems = [
      ...p.scopes.map((s) => `<li>${escapeHtml(KNOWN_SCOPES[s] ?? s)} <span class="small">(<code>${escapeHtml(s)}</code>)</span></li>`),
      ...p.optionalScopes.map((s) => `<li>${escapeHtml(KNOWN_SCOPES[s] ?? s)} <span class="small">(<code>${escapeHtml(s)}</code>, optional)</span></li>`),
    ].join('\n');
    const accountItems = p.accounts.map((a, i) => `<label><input type="radio" name="account" value="${a.hubId}"${i === 0 ? ' checked' : ''}> ${escapeHtml(a.domain)} <span class="small">(account ${a.hubId}, signed in as ${escapeHtml(a.userEmail)})</span></label>`).join('\n');
    const back = new URL(p.redirectUri);
    return page(`Connect ${appName} | HubSpot sandbox`, `<span class="sandbox">HubSpot sandbox — sample data</span>
<h1>Connect ${escapeHtml(appName)} to HubSpot</h1>
${error ? `<div class="error" role="alert"><p>${escapeHtml(error)}</p></div>` : ''}
<form method="post" action="/oauth/authorize/decision">
<input type="hidden" name="request_id" value="${escapeHtml(p.id)}">
<fieldset>
<legend>Choose an account</legend>
${accountItems}
</fieldset>
<h2 id="scopes-heading">${escapeHtml(appName)} will be able to:</h2>
<ul aria-labelledby="scopes-heading">
${scopeItems}
</ul>
<p class="small">After you choose, you will be sent back to <code>${escapeHtml(back.origin)}</code>.</p>
<div class="actions">
<button type="submit" class="primary" name="decision" value="connect">Connect app</button>
<button type="submit" class="secondary" name="decision" value="cancel">Cancel</button>
</div>
</form>`);
  }
}

function splitScopes(value: string | null): string[] {
  if (!value) return [];
  return [...new Set(value.split(/[\s+]+/).map((s) => s.trim()).filter(Boolean))];
}

function withParams(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}
