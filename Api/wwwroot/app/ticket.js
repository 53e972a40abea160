// One ticket: its report, diagnosis, backups, jobs (with live bench progress) and timeline, the actions the role
// allows, and a view of the ticket as it stood at any earlier version.

import { get, post, authorization, problemOf } from './api.js';
import { watch } from './changes.js';
import { el, labelled, input, alertBox, table, when, bytes } from './dom.js';
import { deviceHref } from './router.js';
import { words, supervisorRoles } from './vocabulary.js';
import { findingsInWords } from './forensics.js';
import { timelineList } from './timeline.js';
import { ticketActions } from './actions.js';
import { actionForm, submit } from './forms.js';
import { liveStatus } from './live.js';

const sourceWords = { Email: 'mail', Bench: 'bench', Staff: 'staff upload', UploadLink: 'owner\'s upload link' };

function section(title, ...content) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return el('section', { 'aria-labelledby': id }, el('h2', { id }, title), content);
}

export function renderTicket(main, route, me) {
  const id = route.id;
  const base = `/api/tickets/${encodeURIComponent(id)}`;
  const isSupervisor = supervisorRoles.includes(me.role);
  let viewing = null;           // the version shown, null for now
  let progress = new Map();     // jobId → { bar, percent, message } of the jobs on screen
  // jobId → the stream's last progress message: the stream sends a job's progress only when it changes, so a ticket
  // read that started before that message (and so carries older progress) must not put the bar back behind it.
  const streamed = new Map();

  const heading = el('h1', {}, id);
  const live = liveStatus();
  const loadAlert = alertBox();
  const report = el('div');
  const diagnosis = el('div');
  const backups = el('div', { className: 'table-wrap' });
  const jobs = el('div', { className: 'table-wrap' });
  const timeline = el('div');
  const actions = ticketActions(id, me, () => refresh());

  const version = labelled('View as of version', input({ type: 'number', min: 1, step: 1, inputMode: 'numeric' }));
  const viewingStatus = el('p', { role: 'status', className: 'viewing' });
  const backToNow = el('button', { type: 'button', hidden: true, onclick: () => { viewing = null; refresh(); } }, 'Back to now');
  const view = actionForm('View as of', [version.row], [submit('View')], async () => {
    const wanted = Number(version.control.value);
    await load(wanted);   // a version past the last is refused here, in the Api's words
  });

  main.append(heading, live.node, loadAlert.box,
    el('div', { className: 'time-travel' }, view.form, viewingStatus, backToNow),
    el('div', { className: 'pair' }, section('Report', report), section('Diagnosis and plan', diagnosis)), section('Backups', backups),
    section('Jobs', jobs), section('Timeline', timeline), section('Actions', actions.node));

  // Reads overlap (a live change while a version is asked for): only the latest one asked for is shown.
  let latest = 0;
  async function load(atVersion) {
    const mine = ++latest;
    const [ticket, entries, records] = await Promise.all([
      get(base + (atVersion ? `?version=${atVersion}` : '')),
      get(`${base}/events`),
      get(`${base}/backups`),
    ]);
    if (mine !== latest) return;
    viewing = atVersion;
    show(ticket, entries, records);
  }

  async function refresh() {
    loadAlert.clear();
    try {
      await load(viewing);
    } catch (problem) {
      loadAlert.show(problem.words ?? String(problem));
    }
  }

  function show(ticket, entries, records) {
    heading.textContent = ticket.reference;
    document.title = `${ticket.reference} · PhotonSupport`;
    viewingStatus.textContent = viewing ? `Viewing version ${viewing}` : '';
    viewingStatus.hidden = !viewing;
    backToNow.hidden = !viewing;
    main.classList.toggle('past', Boolean(viewing));

    report.replaceChildren(facts([
      ['Device', el('a', { href: deviceHref(ticket.deviceId), className: 'mono' }, ticket.deviceId)],
      ['Platform', ticket.platform], ['Owner', ticket.ownerEmail], ['Symptom', ticket.symptom],
      ['LED pattern', ticket.ledPattern ?? 'not given'], ['Status', words(ticket.status)],
      ['Assignee', ticket.assignee ?? 'nobody'], ['Opened', when(ticket.openedAt)], ['Last activity', when(ticket.updatedAt)],
      ...(ticket.resolution ? [['Resolution', `${ticket.resolution} (${when(ticket.resolvedAt)})`]] : []),
      ['Version', String(ticket.version)],
    ]));

    diagnosis.replaceChildren(ticket.diagnosis
      ? facts([
        ['Probable cause', ticket.diagnosis.cause],
        ['Plan', ticket.diagnosis.plan.length ? el('ol', {}, ticket.diagnosis.plan.map(k => el('li', {}, words(k)))) : 'nothing to do on the bench'],
        ['From', ticket.diagnosis.basis],
      ])
      : el('p', {}, 'No diagnosis yet.'));

    showBackups(ticket, records);
    showJobs(ticket);
    timeline.replaceChildren(timelineList(entries, viewing ?? Infinity));
    actions.update(ticket);
  }

  function showBackups(ticket, records) {
    const found = new Map(records.map(r => [r.id, r]));
    const headers = ['Received', 'Source', 'Size', 'SHA-256 start', 'Forensics findings'];
    if (isSupervisor) headers.push('Download');
    backups.replaceChildren(ticket.backups.length === 0 ? el('p', {}, 'No backup yet.') : table('Backups', headers,
      ticket.backups.map(b => {
        const record = found.get(b.backupId);
        const cells = [
          when(b.receivedAt), sourceWords[b.source] ?? b.source, bytes(b.size), el('span', { className: 'mono' }, b.sha256.slice(0, 16)),
          b.purged ? 'Purged from the vault. ' + findingsInWords(record?.findings) : findingsInWords(record?.findings),
        ];
        if (isSupervisor) cells.push(downloadForm(b));
        return cells;
      })));
  }

  function downloadForm(backup) {
    const reason = labelled('Reason for download', input({ autocomplete: 'off' }));
    return actionForm('Download the backup', [reason.row], [submit('Download')], async () => {
      // The reason travels as a header: the Api records it as BackupDownloaded before the bytes leave.
      const response = await fetch(`/api/backups/${backup.backupId}`, {
        headers: { ...authorization(), 'X-Download-Reason': reason.control.value.trim() },
      });
      if (!response.ok) throw await problemOf(response);
      const link = el('a', { href: URL.createObjectURL(await response.blob()), download: `backup-${backup.sha256.slice(0, 12)}.bin` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    }, () => refresh()).form;
  }

  function showJobs(ticket) {
    progress = new Map();
    jobs.replaceChildren(ticket.jobs.length === 0 ? el('p', {}, 'No job yet.') : table('Jobs',
      ['Kind', 'State', 'Agent', 'Progress', 'Message', 'Cancel'],
      ticket.jobs.map(job => {
        const message = el('span', { className: 'message' }, job.lastMessage ?? (job.waiverReason ? `Waived: ${job.waiverReason}` : ''));
        let progressCell = '—';
        if (job.state === 'Claimed') {
          const heard = viewing ? undefined : streamed.get(job.jobId);
          const latest = heard?.progressPercent ?? job.progressPercent ?? 0;
          const bar = el('progress', { max: 100, value: latest, 'aria-label': `Progress of ${job.kind}` });
          const percent = el('span', { className: 'percent' }, `${latest}%`);
          if (heard) message.textContent = heard.message ?? '';
          progress.set(job.jobId, { bar, percent, message });
          progressCell = el('span', { className: 'progress' }, bar, ' ', percent);
        }
        const inFlight = !viewing && (job.state === 'Queued' || job.state === 'Claimed');
        return [words(job.kind), job.state === 'Claimed' ? 'Running' : words(job.state), job.agentName ?? '—', progressCell, message,
          inFlight ? cancelForm(job) : ''];
      })));
  }

  function cancelForm(job) {
    const reason = labelled('Reason for cancelling', input({ autocomplete: 'off' }));
    return actionForm(`Cancel the ${words(job.kind)} job`, [reason.row], [submit('Cancel job')],
      () => post(`${base}/jobs/${job.jobId}/cancel`, { reason: reason.control.value }),
      () => refresh()).form;
  }

  // Bench progress updates its bar in place; any event of the ticket reads it again (unless the past is on screen).
  let pending = null;
  const stop = watch(`${base}/changes`, message => {
    if (message.event === 'progress') {
      streamed.set(message.data.jobId, message.data);
      const shown = progress.get(message.data.jobId);
      if (shown && !viewing) {
        shown.bar.value = message.data.progressPercent;
        shown.percent.textContent = `${message.data.progressPercent}%`;
        shown.message.textContent = message.data.message ?? '';
        return;
      }
    }
    if (viewing || pending) return;
    pending = setTimeout(() => { pending = null; refresh(); }, 200);
  }, live.set);

  refresh();
  return () => { stop(); clearTimeout(pending); };
}

function facts(pairs) {
  return el('dl', { className: 'facts' }, pairs.map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
}
