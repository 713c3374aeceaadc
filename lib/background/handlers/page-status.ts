import type { Handler } from '../../messaging/router';
import type { OwnPageWatch } from '../../own-pages/own-page-watch';

/** Answered even to a refused (tainted) view, so that it can say why and close. */
export function pageStatus(watch: OwnPageWatch): Handler<'page.status'> {
  return {
    parse: () => ({}),
    handle: async (_request, sender) => ({ ...watch.status, tainted: await watch.taintedViewOpen(sender.documentId) }),
  };
}
