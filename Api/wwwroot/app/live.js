// Says whether a page is following the Api's changes. A polite live region, not role=status: a page's status
// (the version being viewed) is the one thing that role names.

import { el } from './dom.js';

export function liveStatus() {
  const node = el('p', { 'aria-live': 'polite', className: 'live' }, 'Connecting to live updates…');
  return {
    node,
    set: state => { node.textContent = state === 'live' ? 'Live: changes appear as they happen.' : 'Reconnecting to live updates…'; },
  };
}
