/** The corpus label format (documented in test/corpus/README.md). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface LabelledForm {
  selector: string;
  kind: string;
  fields: Record<string, string>;
}

export interface PageLabels {
  description?: string;
  lang?: string;
  hardCases?: string[];
  forms: LabelledForm[];
  actions?: { click: string }[];
  waitMs?: number;
  frames?: Record<string, { forms: LabelledForm[] }>;
}

export interface CorpusPage {
  /** Path relative to the corpus root, with forward slashes. */
  path: string;
  labels: PageLabels;
}

/** Every `X.html` with a `X.labels.json` beside it; HTML without labels (frame documents) is only served. */
export function loadCorpus(dir: string): CorpusPage[] {
  const pages: CorpusPage[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.labels.json')) {
        const html = full.replace(/\.labels\.json$/, '.html');
        const labels = JSON.parse(readFileSync(full, 'utf8')) as PageLabels;
        if (!Array.isArray(labels.forms)) throw new Error(`${full}: "forms" must be an array`);
        pages.push({ path: relative(dir, html).split('\\').join('/'), labels });
      }
    }
  };
  walk(dir);
  return pages;
}
