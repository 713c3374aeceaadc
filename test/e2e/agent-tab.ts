import type { Page, Worker } from 'playwright-core';
import { AirlockClient } from '../../lib/protocol/client';

/** The agent's side of the protocol, as an agent built on Playwright would use it. */
export function agentClient(page: Page, name = 'e2e-agent'): AirlockClient {
  return new AirlockClient((expression) => page.evaluate(expression), { name, version: '1.0' });
}

/** Airlock's tab id for a page, looked up by URL in the service worker. */
export async function tabIdOf(worker: Worker, page: Page): Promise<number> {
  const url = page.url();
  const id = await worker.evaluate(async (u) => {
    const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } } }).chrome;
    const tabs = await c.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`no tab for ${url}`);
  return id;
}

export async function badgeText(worker: Worker, tabId: number): Promise<string> {
  return worker.evaluate(async (id) => {
    const c = (globalThis as unknown as { chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> } } }).chrome;
    return c.action.getBadgeText({ tabId: id });
  }, tabId);
}
