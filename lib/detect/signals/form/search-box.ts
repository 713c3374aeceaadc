import type { FormSignal } from '../../form-signal';
import { normalizeText } from '../../lexicon';

const QUERY_NAMES = new Set(['q', 's', 'k', 'kw', 'query', 'keyword', 'keywords', 'term', 'terms', 'search', 'recherche', 'mot cle', 'mots cles']);

/** A search box: `type=search`, a `role=search` landmark, or a lone field named like a query. */
export const searchBox: FormSignal = {
  name: 'search-box',
  score({ fields, passwords, inSearchLandmark }) {
    if (passwords.length > 0 || fields.length === 0 || fields.length > 3) return {};
    let score = 0;
    if (fields.some((f) => f.fieldClass === 'search')) score += 4;
    if (inSearchLandmark) score += 4;
    if (fields.length === 1 && QUERY_NAMES.has(normalizeText(fields[0]!.element.getAttribute('name') ?? ''))) score += 3;
    return score ? { search: score } : {};
  },
};
