// Sign-in: the key is checked with GET /api/me before it is kept, and kept only in this tab's session storage.

import { get, storeKey } from './api.js';
import { el, labelled, input, alertBox } from './dom.js';

export function renderSignIn(main, onSignedIn) {
  const key = labelled('API key', input({ type: 'password', autocomplete: 'current-password', required: true }));
  const alert = alertBox();
  const form = el('form', { className: 'signin', 'aria-labelledby': 'signin-title' },
    el('h1', { id: 'signin-title' }, 'Sign in'),
    el('p', {}, 'Paste your API key (from keys create, or the dev keys run.sh writes). It stays in this tab only.'),
    key.row, alert.box,
    el('button', { type: 'submit' }, 'Sign in'));

  form.addEventListener('submit', async event => {
    event.preventDefault();
    alert.clear();
    const entered = key.control.value.trim();
    try {
      const me = await get('/api/me', { key: entered });
      storeKey(entered);
      onSignedIn(me);
    } catch (problem) {
      alert.show(problem.words ?? String(problem));
      key.control.focus();
    }
  });

  main.replaceChildren(form);
  key.control.focus();
}
