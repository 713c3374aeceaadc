import type { Page } from 'playwright-core';
import type { AirlockClient } from '../../lib/protocol/client';
import type { ExtensionBrowser } from '../../test/e2e/extension-browser';
import type { RunningSites } from '../../test/sites/start-sites';
import type { AirlockView } from './airlock-view';
import type { ToolbarPopup } from '../../test/e2e/toolbar-popup';

/**
 * One scene of the demo: a short story of the agent on one site and what Airlock did about it.
 * Each capability adds its own scene file under `scenes/` and one line in `scenes/index.ts`.
 */
export interface Scene {
  /** Stable identity, also the prefix of the scene's screenshot files. */
  id: string;
  title: string;
  /** One sentence: what the scene shows. */
  summary: string;
  run(ctx: SceneContext): Promise<void>;
}

export interface PopupShotOptions {
  /** Also write the cropped popup here (README screenshots). */
  alsoTo?: string;
  /** What the human does in the popup before the screenshot. */
  act?: (popup: ToolbarPopup) => Promise<void>;
}

/** What a scene may use and how it records what happened; the runner builds one per scene. */
export interface SceneContext {
  sites: RunningSites;
  browser: ExtensionBrowser;
  /** The agent's tab, shared by every scene (the handshake belongs to the tab). */
  agentPage: Page;
  agent: AirlockClient;
  /** What the agent did. */
  step(text: string): void;
  /** What Airlock saw or did. */
  saw(text: string): void;
  /** A capability this scene would show that Airlock does not have yet. */
  notYet(text: string): void;
  /** Records a protocol reply (they never carry secrets; the report is scanned anyway). */
  protocol(label: string, reply: unknown, ms?: number): void;
  /** Asks Airlock for its view of a page's tab and frame, and records the reply. */
  askAirlock(label: string, page?: Page): Promise<AirlockView>;
  /** `alsoTo`: also write the screenshot there (README screenshots). */
  screenshotPage(page: Pick<Page, 'screenshot'> | { screenshot(): Promise<Buffer> }, name: string, caption: string, alsoTo?: string): Promise<void>;
  /** Opens the real toolbar popup for `page`'s tab, screenshots it (cropped) and returns its text. */
  screenshotPopup(page: Page, name: string, caption: string, options?: PopupShotOptions): Promise<string>;
  /** Fails the scene with `message` unless `condition` holds. */
  check(condition: boolean, message: string): void;
}

export interface Screenshot {
  file: string;
  caption: string;
}

export interface ProtocolEntry {
  label: string;
  reply: unknown;
  /** Round trip of the request, when the demo timed it. */
  ms?: number;
}

export type SceneOutcome = 'passed' | 'failed';

export interface SceneRecord {
  id: string;
  title: string;
  summary: string;
  outcome: SceneOutcome;
  error?: string;
  startedAt: number;
  durationMs: number;
  steps: string[];
  observations: string[];
  notYet: string[];
  protocol: ProtocolEntry[];
  screenshots: Screenshot[];
}
