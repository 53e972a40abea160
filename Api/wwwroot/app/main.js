// The page's frame: who is signed in, the navigation, and which page the hash names.

import { get, forgetKey, storedKey } from './api.js';
import { el } from './dom.js';
import { resolve } from './router.js';
import { renderSignIn } from './signin.js';
import { renderQueue } from './queue.js';
import { renderTicket } from './ticket.js';
import { renderDevice } from './device.js';
import { renderAgents } from './agents.js';
import { renderTrends } from './trends.js';

const pages = { queue: renderQueue, ticket: renderTicket, device: renderDevice, agents: renderAgents, trends: renderTrends };

const banner = document.getElementById('banner');
const main = document.getElementById('main');
let me = null;
let leavePage = () => {};

function signOut() {
  forgetKey();
  me = null;
  leavePage();
  leavePage = () => {};
  banner.hidden = true;
  banner.replaceChildren();
  renderSignIn(main, signedIn);
}

function signedIn(who) {
  me = who;
  banner.replaceChildren(
    el('p', { className: 'who' }, `Signed in as ${who.name} (${who.role})`),
    el('nav', { 'aria-label': 'Pages' },
      el('a', { href: '#/' }, 'Queue'), el('a', { href: '#/agents' }, 'Agents'), el('a', { href: '#/trends' }, 'Trends')),
    el('button', { type: 'button', onclick: signOut }, 'Sign out'));
  banner.hidden = false;
  show();
}

function show() {
  if (!me) return;
  leavePage();
  const route = resolve(location.hash);
  for (const link of banner.querySelectorAll('nav a'))
    link.toggleAttribute('aria-current', resolve(link.getAttribute('href')).page === route.page);
  main.replaceChildren();
  const render = pages[route.page];
  if (!render) {
    main.append(el('h1', {}, 'Not found'), el('p', {}, 'No page has this address. '), el('a', { href: '#/' }, 'Back to the queue'));
    leavePage = () => {};
    return;
  }
  // A page answers the function that stops what it keeps running (a changes stream), if anything.
  leavePage = render(main, route, me, signOut) || (() => {});
  main.focus({ preventScroll: true });
}

window.addEventListener('hashchange', show);

(async () => {
  if (!storedKey()) return renderSignIn(main, signedIn);
  try {
    signedIn(await get('/api/me'));
  } catch {
    // A key revoked since, or an Api that forgot it: ask again.
    signOut();
  }
})();
