import { test, expect } from '@playwright/test';
import type { Browser } from 'puppeteer-core';
import { AirlockClient } from '../../lib/protocol/client';
import { launchWithPuppeteer, openToolbarPopup, stopServiceWorker } from './puppeteer-browser';
import { createVaultInSettings } from './oauth-puppeteer-helpers';
import { MASTER_PASSWORD } from './takeover-harness';
import { startStaticServer, type StaticServer } from './static-server';

let browser: Browser;
let server: StaticServer;

test.beforeAll(async () => {
  browser = await launchWithPuppeteer();
  server = await startStaticServer();
});
test.afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('agent mode and the human\'s toggle survive a forced service-worker stop', async () => {
  const page = '<!doctype html><title>Restart</title><p>Restart</p>';
  const humanTab = await browser.newPage();
  await humanTab.goto(server.route('/restart-human', page));
  const agentTab = await browser.newPage();
  await agentTab.goto(server.route('/restart-agent', page));
  const agent = new AirlockClient((e) => agentTab.evaluate(e), { name: 'restart-agent' }, { timeoutMs: 15_000 });
  const human = new AirlockClient((e) => humanTab.evaluate(e), { name: 'unused' }, { timeoutMs: 15_000 });
  await agent.hello();

  // Switching a tab to "Me" is proven with the master password (no passkey here): a vault first.
  await (await createVaultInSettings(browser, humanTab)).close();
  const popup = await openToolbarPopup(browser, humanTab);
  await popup.click('input[name="tab"][value="human"]');
  await popup.waitForSelector('[data-testid="confirm-password-form"]');
  await popup.type('input[name="confirm-master-password"]', MASTER_PASSWORD);
  await popup.click('[data-action="confirm-password"]');
  await popup.waitForFunction(() => document.body.innerText.includes('You are driving this tab'));
  await popup.close();
  expect((await human.state()).agentDriven).toBe(false);

  // Watch the worker's lifecycle through CDP, then stop it as Chromium does when it is idle.
  const worker = await stopServiceWorker(humanTab);

  // The next message starts a fresh worker, which must read the same state back from storage.
  const humanState = await human.state();
  expect(humanState.agentDriven).toBe(false);
  expect(humanState.signals).toContainEqual(expect.objectContaining({ source: 'human', agent: false, detail: 'tab' }));
  const agentState = await agent.state();
  expect(agentState.agentDriven).toBe(true);
  expect(agentState.signals).toContainEqual(expect.objectContaining({ source: 'handshake', detail: 'restart-agent' }));
  expect(worker.restarted()).toBe(true);
});
