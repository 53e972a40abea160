// What the signed-in role may do to a ticket, each action its own form. The Api decides; the page only shows
// what it answered, so a refused action reads exactly as the rule says it.

import { post } from './api.js';
import { el, labelled, input, select } from './dom.js';
import { actionForm, submit } from './forms.js';
import { jobKinds, words, supervisorRoles } from './vocabulary.js';

const shortSha = sha => sha.slice(0, 12);

/** The actions section's content, and `update(ticket)` to follow the ticket (its backups, for a restore). */
export function ticketActions(ticketId, me, refresh) {
  const path = suffix => `/api/tickets/${encodeURIComponent(ticketId)}/${suffix}`;
  const isSupervisor = supervisorRoles.includes(me.role);

  const note = labelled('Note', el('textarea', { rows: 3 }));
  const noteForm = actionForm('Add a note', [note.row], [submit('Add note')],
    () => post(path('notes'), { text: note.control.value }), refresh);

  const assignee = labelled('Assignee', input({ autocomplete: 'off' }));
  const take = submit('Take');
  const assign = submit('Assign');
  const unassign = submit('Unassign');
  const assignForm = actionForm('Who has the case', [assignee.row], [take, assign, unassign], pressed =>
    pressed === take ? post(path('take'))
      : pressed === unassign ? post(path('unassign'))
        : post(path('assign'), { assignee: assignee.control.value.trim() }), refresh);

  const backupForm = actionForm('Ask the owner for a backup', [], [submit('Request backup')], () => post(path('backup-requests')), refresh);

  const kind = labelled('Job kind', select(jobKinds.map(k => [k, words(k)])));
  const restore = labelled('Backup to restore', select([['', 'The newest with a device key']]));
  const waiver = labelled('Waiver reason', input({ autocomplete: 'off' }));
  const jobRows = [kind.row, restore.row];
  if (isSupervisor) jobRows.push(waiver.row, el('p', { className: 'hint' },
    'A waiver lets a job that writes to the device run without a backup on file; say why.'));
  const jobForm = actionForm('Queue a job', jobRows, [submit('Queue job')], () => post(path('jobs'), {
    kind: kind.control.value,
    backupId: restore.control.value || undefined,
    waiverReason: isSupervisor && waiver.control.value.trim() ? waiver.control.value.trim() : undefined,
  }), refresh);

  const symptom = labelled('Symptom', input({ autocomplete: 'off' }));
  const led = labelled('LED pattern', input({ autocomplete: 'off', spellcheck: false }));
  const reportForm = actionForm('Correct the report', [symptom.row, led.row], [submit('Correct report')], () => post(path('report'), {
    symptom: symptom.control.value.trim() || undefined,
    ledPattern: led.control.value.trim() || undefined,
  }), refresh);

  const resolution = labelled('Resolution', input({ autocomplete: 'off' }));
  const resolveForm = actionForm('Resolve', [resolution.row], [submit('Resolve')],
    () => post(path('resolve'), { resolution: resolution.control.value }), refresh);

  const reason = labelled('Reason to reopen', input({ autocomplete: 'off' }));
  const reopenForm = actionForm('Reopen', [reason.row], [submit('Reopen')],
    () => post(path('reopen'), { reason: reason.control.value }), refresh);

  const node = el('div', { className: 'actions' },
    [noteForm, assignForm, backupForm, jobForm, reportForm, resolveForm, reopenForm].map(f => f.form));

  function update(ticket) {
    const chosen = restore.control.value;
    restore.control.replaceChildren(el('option', { value: '' }, 'The newest with a device key'),
      ...ticket.backups.filter(b => !b.purged).map(b => el('option', { value: b.backupId },
        `${shortSha(b.sha256)}… (${b.holdsDeviceKey ? 'holds the device key' : 'no device key'})`)));
    restore.control.value = [...restore.control.options].some(o => o.value === chosen) ? chosen : '';
  }

  return { node, update };
}
