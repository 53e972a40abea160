// Building the page from data without ever parsing data as HTML: text goes in as text nodes.

let nextId = 0;

/** el('a', { href, className }, 'text', child...) — props are properties, except aria-*, data-* and role, which are attributes. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('aria-') || name.startsWith('data-') || name === 'role' || name === 'for') node.setAttribute(name, value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node[name] = value;
  }
  node.append(...children.flat(Infinity).filter(c => c !== undefined && c !== null && c !== false).map(c => (c instanceof Node ? c : String(c))));
  return node;
}

/** A control with its label: { row, control }. */
export function labelled(text, control) {
  control.id ||= `control-${++nextId}`;
  return { row: el('div', { className: 'field' }, el('label', { for: control.id }, text), control), control };
}

export const input = (props = {}) => el('input', { type: 'text', ...props });

export function select(options, props = {}) {
  return el('select', props, ...options.map(o => (Array.isArray(o) ? el('option', { value: o[0] }, o[1]) : el('option', { value: o }, o))));
}

/** Where a form says what went wrong, in the problem's own words; announced when it changes. */
export function alertBox() {
  const box = el('p', { role: 'alert', className: 'alert' });
  return {
    box,
    show: words => { box.textContent = words; },
    clear: () => { box.textContent = ''; },
  };
}

export const clear = node => node.replaceChildren();

/** A table with a caption and header cells; rows are arrays of cells (text or nodes). */
export function table(caption, headers, rows) {
  return el('table', {},
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, headers.map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map(cells => el('tr', {}, cells.map(c => el('td', {}, c))))));
}

/** A time for people: the reader's local date and time to the second. */
export function when(iso) {
  if (!iso) return '';
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? String(iso) : at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function bytes(size) {
  if (size >= 1024 * 1024) return `${(size / 1024 / 1024).toFixed(size % (1024 * 1024) ? 2 : 0)} MiB`;
  if (size >= 1024) return `${(size / 1024).toFixed(size % 1024 ? 1 : 0)} KiB`;
  return `${size} bytes`;
}

/** A duration in seconds, in the largest unit that reads well. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} days`;
}
