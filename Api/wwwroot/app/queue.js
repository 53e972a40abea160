// The queue: the tickets the filters match, most recently updated first, a page at a time; search; live updates.

import { get, query } from './api.js';
import { watch } from './changes.js';
import { el, labelled, input, select, alertBox, table, when } from './dom.js';
import { ticketHref, deviceHref } from './router.js';
import { statuses, platforms, words } from './vocabulary.js';
import { liveStatus } from './live.js';

const assignees = [['', 'Anyone'], ['me', 'Mine'], ['none', 'Unassigned']];

export function renderQueue(main) {
  const status = labelled('Status', select([['', 'Any'], ...statuses.map(s => [s, words(s)])]));
  const platform = labelled('Platform', select([['', 'Any'], ...platforms]));
  const assignee = labelled('Assignee', select(assignees));
  const owner = labelled('Owner email', input({ type: 'email', autocomplete: 'off' }));
  const device = labelled('Device id', input({ autocomplete: 'off', spellcheck: false }));
  const filterAlert = alertBox();
  const filters = el('form', { className: 'filters', 'aria-label': 'Filters' },
    status.row, platform.row, assignee.row, owner.row, device.row,
    el('button', { type: 'submit' }, 'Apply filters'), filterAlert.box);

  const terms = labelled('Search tickets', input({ type: 'search', autocomplete: 'off' }));
  const searchAlert = alertBox();
  const results = el('ul', { 'aria-label': 'Search results', className: 'hits' });
  const search = el('form', { className: 'search', role: 'search' }, terms.row, el('button', { type: 'submit' }, 'Search'), searchAlert.box);

  const summary = el('p', { className: 'summary' });
  const tableSlot = el('div', { className: 'table-wrap' });
  const pager = el('div', { className: 'pager' });
  const live = liveStatus();

  main.append(el('h1', {}, 'Queue'), live.node, filters, search, results, summary, tableSlot, pager);

  // The page now on screen: its filters and the cursor it was read from (null: the first page).
  let shown = { filters: {}, cursor: null };

  async function load(filtersNow, cursor) {
    filterAlert.clear();
    try {
      const page = await get('/api/tickets' + query({ ...filtersNow, cursor }));
      shown = { filters: filtersNow, cursor };
      showPage(page);
    } catch (problem) {
      filterAlert.show(problem.words ?? String(problem));
    }
  }

  function showPage(page) {
    summary.textContent = page.total === 0
      ? 'No ticket matches.'
      : `${page.total}${page.totalIsExact ? '' : ' or more'} ticket${page.total === 1 ? '' : 's'} match.`;
    tableSlot.replaceChildren(table('Tickets',
      ['Reference', 'Device', 'Platform', 'Status', 'Assignee', 'Diagnosis', 'Last activity', 'Backup', 'Running job'],
      page.items.map(t => [
        el('a', { href: ticketHref(t.id) }, t.reference),
        el('a', { href: deviceHref(t.deviceId), className: 'mono' }, t.deviceId),
        t.platform,
        words(t.status),
        t.assignee ?? 'nobody',
        t.diagnosis ?? '—',
        el('time', { dateTime: t.updatedAt }, when(t.updatedAt)),
        t.backupOnFile ? 'on file' : 'none',
        t.runningJob ? words(t.runningJob) : '—',
      ])));
    pager.replaceChildren(
      shown.cursor ? el('button', { type: 'button', onclick: () => load(shown.filters, null) }, 'First page') : '',
      page.next ? el('button', { type: 'button', onclick: () => load(shown.filters, page.next) }, 'Next page') : '');
  }

  filters.addEventListener('submit', event => {
    event.preventDefault();
    load({
      status: status.control.value, platform: platform.control.value, assignee: assignee.control.value,
      ownerEmail: owner.control.value.trim(), deviceId: device.control.value.trim(),
    }, null);
  });

  search.addEventListener('submit', async event => {
    event.preventDefault();
    searchAlert.clear();
    results.replaceChildren();
    try {
      const found = await get('/api/search' + query({ q: terms.control.value.trim() }));
      if (found.hits.length === 0) results.append(el('li', {}, 'Nothing found.'));
      for (const hit of found.hits)
        results.append(el('li', {}, el('a', { href: ticketHref(hit.ticketId) }, hit.reference), ' ', words(hit.status), ': ', snippet(hit.snippet)));
    } catch (problem) {
      searchAlert.show(problem.words ?? String(problem));
    }
  });

  // Any change to any ticket may reorder the page: read it again, at most a few times a second.
  let pending = null;
  const stop = watch('/api/tickets/changes', message => {
    if (message.event === 'progress' || pending) return;
    pending = setTimeout(() => { pending = null; load(shown.filters, shown.cursor); }, 250);
  }, live.set);

  load({}, null);
  return () => { stop(); clearTimeout(pending); };
}

/**
 * The search snippet is the ticket's text HTML-escaped with the matched words in <mark>: shown as text with those
 * words marked, never parsed into the page as markup.
 */
function snippet(html) {
  const decode = text => new DOMParser().parseFromString(text, 'text/html').documentElement.textContent;
  return el('span', { className: 'snippet' },
    html.split(/(<mark>.*?<\/mark>)/s).filter(Boolean).map(part => {
      const marked = /^<mark>(.*)<\/mark>$/s.exec(part);
      return marked ? el('mark', {}, decode(marked[1])) : decode(part);
    }));
}
