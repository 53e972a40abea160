// The bench agents: when each was last heard from, the devices it has attached and the job it holds.

import { get } from './api.js';
import { watch } from './changes.js';
import { el, alertBox, table, when } from './dom.js';
import { liveStatus } from './live.js';

export function renderAgents(main) {
  const alert = alertBox();
  const body = el('div', { className: 'table-wrap' });
  const live = liveStatus();
  main.append(el('h1', {}, 'Bench agents'), live.node, alert.box, body);

  async function load() {
    try {
      const agents = await get('/api/agents');
      alert.clear();
      body.replaceChildren(agents.length === 0 ? el('p', {}, 'No bench agent has been heard from.') : table('Agents',
        ['Agent', 'Last seen', 'Devices', 'Current job'],
        agents.map(a => [
          a.name,
          el('time', { dateTime: a.lastSeenAt }, when(a.lastSeenAt)),
          a.attachedDevices.length ? el('ul', { className: 'plain' }, a.attachedDevices.map(d => el('li', {}, `${d.deviceId} (${d.platform})`))) : 'none',
          a.currentJobId ?? 'idle',
        ])));
    } catch (problem) {
      alert.show(problem.words ?? String(problem));
    }
  }

  // Claims, heartbeats and outcomes all show in the queue's changes: read the agents again after any of them.
  let pending = null;
  const stop = watch('/api/tickets/changes', () => {
    if (!pending) pending = setTimeout(() => { pending = null; load(); }, 1000);
  }, live.set);

  load();
  return () => { stop(); clearTimeout(pending); };
}
