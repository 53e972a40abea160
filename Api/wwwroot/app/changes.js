// Server-sent events read with fetch and a stream reader: EventSource cannot send the key header.
// Each message is handed on as { id, event, data }; after a drop the stream is opened again with Last-Event-ID,
// so the Api replays what was missed. Progress messages carry no id and do not move where a reconnect resumes.

import { authorization } from './api.js';

const retryAfterMs = 2000;

/** Parses one message block ("id: 5\nevent: NoteAdded\ndata: {...}") into { id, event, data }; null for a comment. */
export function parseMessage(block) {
  let id = null, event = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  let parsed;
  try { parsed = JSON.parse(data.join('\n')); } catch { parsed = data.join('\n'); }
  return { id, event, data: parsed };
}

/**
 * Watches <path> until the returned function is called. onMessage gets every message; onState gets
 * 'live' or 'reconnecting', for the page to say whether it is up to date.
 */
export function watch(path, onMessage, onState = () => {}) {
  const stop = new AbortController();
  let lastEventId = null;

  async function readOnce() {
    const headers = { ...authorization(), Accept: 'text/event-stream' };
    if (lastEventId !== null) headers['Last-Event-ID'] = lastEventId;
    const response = await fetch(path, { headers, signal: stop.signal });
    if (!response.ok || !response.body) throw new Error(`changes answered ${response.status}`);
    onState('live');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = parseMessage(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (!message) continue;
        if (message.id !== null) lastEventId = message.id;
        onMessage(message);
      }
    }
  }

  (async () => {
    while (!stop.signal.aborted) {
      try {
        await readOnce();
      } catch {
        // Dropped, refused or the Api restarting: try again shortly, from the last event seen.
      }
      if (stop.signal.aborted) return;
      onState('reconnecting');
      await new Promise(resolve => setTimeout(resolve, retryAfterMs));
    }
  })();

  return () => stop.abort();
}
