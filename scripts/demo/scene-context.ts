import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { AirlockClient } from '../../lib/protocol/client';
import type { ExtensionBrowser } from '../../test/e2e/extension-browser';
import { ToolbarPopup } from '../../test/e2e/toolbar-popup';
import type { RunningSites } from '../../test/sites/start-sites';
import { askState, type AirlockView } from './airlock-view';
import { cropPng } from './png-crop';
import type { SceneContext, SceneRecord, Scene } from './scene';

export const AGENT = { name: 'airlock-demo-agent', version: '1.0' } as const;
/** Generous: the first request after the browser starts can take seconds while the worker loads. */
export const PROTOCOL_TIMEOUT_MS = 10_000;

export interface Stage {
  sites: RunningSites;
  browser: ExtensionBrowser;
  agentPage: Page;
  agent: AirlockClient;
  reportDir: string;
}

export function agentClientFor(page: Page): AirlockClient {
  return new AirlockClient((expression) => page.evaluate(expression), AGENT, { timeoutMs: PROTOCOL_TIMEOUT_MS });
}

export class SceneCheckFailed extends Error {
  override readonly name = 'SceneCheckFailed';
}

/** Builds the context one scene runs in, recording everything into `record`. */
export function createSceneContext(stage: Stage, scene: Scene, record: SceneRecord): SceneContext {
  const screenshotFile = (name: string) => `${scene.id}-${name}.png`;
  const write = (path: string, png: Buffer) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, png);
  };

  const ctx: SceneContext = {
    sites: stage.sites,
    browser: stage.browser,
    agentPage: stage.agentPage,
    agent: stage.agent,
    step: (text) => void record.steps.push(text),
    saw: (text) => void record.observations.push(text),
    notYet: (text) => void record.notYet.push(text),
    protocol: (label, reply, ms) => void record.protocol.push(ms === undefined ? { label, reply } : { label, reply, ms }),
    async askAirlock(label, page = stage.agentPage): Promise<AirlockView> {
      const client = page === stage.agentPage ? stage.agent : agentClientFor(page);
      const started = performance.now();
      const view = await askState(client);
      ctx.protocol(label, view.reply, Math.round(performance.now() - started));
      return view;
    },
    async screenshotPage(page, name, caption, alsoTo) {
      const file = screenshotFile(name);
      const png = await page.screenshot();
      write(join(stage.reportDir, file), png);
      if (alsoTo) write(alsoTo, png);
      record.screenshots.push({ file, caption });
    },
    async screenshotPopup(page, name, caption, options = {}) {
      const popup = await ToolbarPopup.open(stage.browser, page);
      try {
        if (options.act) await options.act(popup);
        const text = await popup.text();
        const png = await croppedPopup(stage, popup);
        const file = screenshotFile(name);
        write(join(stage.reportDir, file), png);
        if (options.alsoTo) write(options.alsoTo, png);
        record.screenshots.push({ file, caption });
        return text;
      } finally {
        await popup.close();
      }
    },
    check(condition, message) {
      if (!condition) throw new SceneCheckFailed(message);
    },
  };
  return ctx;
}

/** The popup's screenshot cut to its content, so README images show the popup and nothing else. */
async function croppedPopup(stage: Stage, popup: ToolbarPopup): Promise<Buffer> {
  const png = await popup.screenshot();
  const box = await popup.evaluate<{ width: number; height: number; dpr: number }>(
    `(() => { const r = document.documentElement.getBoundingClientRect(); const b = document.body.getBoundingClientRect();
      return { width: Math.max(r.width, b.width), height: Math.max(document.documentElement.scrollHeight, b.height), dpr: devicePixelRatio || 1 }; })()`,
  );
  const viewport = await popup.evaluate<{ width: number; height: number }>('({ width: innerWidth, height: innerHeight })');
  // Only crop when the popup's window is larger than its content (headless shells size it loosely).
  const width = Math.min(box.width, viewport.width);
  const height = Math.min(box.height, viewport.height);
  if (width >= viewport.width && height >= viewport.height) return png;
  return cropPng(stage.browser.context, png, { x: 0, y: 0, width: Math.ceil(width * box.dpr), height: Math.ceil(height * box.dpr) });
}
