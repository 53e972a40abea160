// A form that sends one command: while it is in flight its buttons wait; a refusal is shown inside the form, next
// to its controls, in the problem document's own words; success clears what was typed.

import { el, alertBox } from './dom.js';

/**
 * actionForm('Add a note', [rows...], [buttons...], send): `send(button)` runs on submit (with the button
 * pressed) and returns a promise; `done` runs after a success.
 */
export function actionForm(name, rows, buttons, send, done = () => {}) {
  const alert = alertBox();
  const form = el('form', { className: 'action', 'aria-label': name }, rows, el('div', { className: 'buttons' }, buttons), alert.box);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const pressed = event.submitter ?? buttons[0];
    alert.clear();
    for (const b of form.querySelectorAll('button')) b.disabled = true;
    try {
      await send(pressed);
      for (const field of form.querySelectorAll('input:not([type=number]), textarea')) field.value = '';
      done();
    } catch (problem) {
      alert.show(problem.words ?? String(problem));
    } finally {
      for (const b of form.querySelectorAll('button')) b.disabled = false;
    }
  });
  return { form, alert };
}

export const submit = (text, props = {}) => el('button', { type: 'submit', ...props }, text);
