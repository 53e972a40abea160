// The failure report: per LED pattern, platform and cause, how many tickets, how many resolved and how fast, and
// what the bench's jobs made of them; with a bar chart of tickets per LED pattern.

import { get, query } from './api.js';
import { el, labelled, input, select, alertBox, table, duration } from './dom.js';
import { platforms, words } from './vocabulary.js';

export function renderTrends(main) {
  const from = labelled('From', input({ type: 'date' }));
  const to = labelled('To', input({ type: 'date' }));
  const platform = labelled('Platform', select([['', 'Any'], ...platforms]));
  const alert = alertBox();
  const filters = el('form', { className: 'filters', 'aria-label': 'Filters' },
    from.row, to.row, platform.row, el('button', { type: 'submit' }, 'Apply filters'), alert.box);
  const body = el('div', { className: 'table-wrap' });
  const chart = el('figure', { className: 'chart' });
  main.append(el('h1', {}, 'Failure trends'), filters, chart, body);

  async function load() {
    alert.clear();
    try {
      const report = await get('/api/reports/failures' + query({ from: from.control.value, to: to.control.value, platform: platform.control.value }));
      show(report.rows);
    } catch (problem) {
      alert.show(problem.words ?? String(problem));
    }
  }

  function show(rows) {
    body.replaceChildren(table('Failures', ['LED pattern', 'Platform', 'Cause', 'Tickets', 'Resolved', 'Median time to resolve', 'Jobs'],
      rows.map(r => [
        r.ledPattern ?? 'none given', r.platform, r.cause ?? 'no diagnosis', String(r.tickets), String(r.resolved),
        duration(r.medianSecondsToResolve),
        r.jobs.length ? r.jobs.map(j => `${words(j.kind)}: ${j.succeeded} succeeded, ${j.failed} failed`).join('; ') : 'none',
      ])));
    const perPattern = new Map();
    for (const r of rows) perPattern.set(r.ledPattern ?? 'none given', (perPattern.get(r.ledPattern ?? 'none given') ?? 0) + r.tickets);
    chart.replaceChildren(barChart('Tickets per LED pattern', [...perPattern].sort((a, b) => b[1] - a[1])),
      el('figcaption', {}, rows.length ? 'Tickets per LED pattern in the period.' : 'No ticket was reported in the period.'));
  }

  filters.addEventListener('submit', event => { event.preventDefault(); load(); });
  load();
}

/** Horizontal bars, one per [label, count], drawn as SVG; its name says what it shows, each bar's title its figure. */
function barChart(name, bars) {
  // Parsed from fixed markup (never data), so the elements are in the SVG namespace.
  const holder = el('div');
  holder.innerHTML = '<svg role="img"></svg>';
  const svg = holder.firstElementChild;
  const make = (tag, attributes, text) => {
    const node = document.createElementNS(svg.namespaceURI, tag);
    for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const rowHeight = 28, labelWidth = 190, barWidth = 520, width = labelWidth + barWidth + 60;
  const height = Math.max(1, bars.length) * rowHeight + 8;
  const most = Math.max(1, ...bars.map(b => b[1]));
  svg.setAttribute('aria-label', name);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.append(make('title', {}, name));
  bars.forEach(([label, count], i) => {
    const y = 4 + i * rowHeight;
    const length = Math.max(2, Math.round((count / most) * barWidth));
    const group = make('g', {});
    group.append(
      make('text', { x: labelWidth - 8, y: y + 18, 'text-anchor': 'end', class: 'bar-label' }, label),
      make('rect', { x: labelWidth, y: y + 4, width: length, height: rowHeight - 10, class: 'bar' }),
      make('text', { x: labelWidth + length + 6, y: y + 18, class: 'bar-value' }, String(count)));
    group.append(make('title', {}, `${label}: ${count} ticket${count === 1 ? '' : 's'}`));
    svg.append(group);
  });
  return svg;
}
