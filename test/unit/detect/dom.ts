import { parseHTML } from 'linkedom';
import { detectForms } from '../../../lib/detect';
import type { DetectedForm } from '../../../lib/detect';

/** A linkedom document (no layout: visibility falls back to markup). */
export function page(body: string, lang = 'en'): Document {
  const { document } = parseHTML(`<!doctype html><html lang="${lang}"><head><title>t</title></head><body>${body}</body></html>`);
  return document as unknown as Document;
}

/** The detections of a page reduced to kinds and role → selector pairs, for readable assertions. */
export function summary(forms: DetectedForm[]): { kind: string; roles: Record<string, string> }[] {
  return forms.map((f) => ({
    kind: f.kind,
    roles: Object.fromEntries(f.fields.map((x) => [x.selector, x.role])),
  }));
}

export function detect(body: string, lang = 'en') {
  return summary(detectForms(page(body, lang)));
}
