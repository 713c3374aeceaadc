import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHtml } from './report/write-html';
import { renderMarkdown } from './report/write-markdown';
import type { DemoReport } from './report/report-model';

/** Empties the report directory, so a report never shows screenshots of an earlier run. */
export function prepareReportDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
}

/** Writes index.html and report.md; returns the path of index.html. */
export function writeReport(dir: string, report: DemoReport): string {
  writeFileSync(join(dir, 'report.md'), renderMarkdown(report));
  const html = join(dir, 'index.html');
  writeFileSync(html, renderHtml(report));
  return html;
}
