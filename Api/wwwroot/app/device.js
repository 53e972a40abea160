// A device's history across all its tickets, oldest first.

import { get } from './api.js';
import { el, alertBox, table, when } from './dom.js';
import { ticketHref } from './router.js';
import { historyPhrase } from './timeline.js';

export function renderDevice(main, route) {
  const alert = alertBox();
  const body = el('div', { className: 'table-wrap' });
  main.append(el('h1', {}, `Device ${route.deviceId}`), alert.box, body);

  get(`/api/devices/${encodeURIComponent(route.deviceId)}/history`).then(history => {
    body.replaceChildren(
      el('p', {}, `${history.tickets.length} ticket${history.tickets.length === 1 ? '' : 's'}: `,
        history.tickets.map((t, i) => [i ? ', ' : '', el('a', { href: ticketHref(t.ticketId) }, t.reference), ` opened ${when(t.openedAt)}`])),
      table('History', ['Ticket', 'Time', 'Event'], history.entries.map(e => [
        el('a', { href: ticketHref(e.ticketId) }, e.ticketReference),
        el('time', { dateTime: e.at }, when(e.at)),
        historyPhrase(e),
      ])));
  }, problem => alert.show(problem.words ?? String(problem)));
}
