// Hash routes: #/ queue, #/tickets/{id}, #/devices/{deviceId}, #/agents, #/trends. Nothing the page shows is in the
// path the server sees, so a reload or a shared link asks the Api only for the page itself.

const routes = [
  [/^#?\/?$/, () => ({ page: 'queue' })],
  [/^#\/tickets\/([^/]+)$/, m => ({ page: 'ticket', id: decodeURIComponent(m[1]) })],
  [/^#\/devices\/([^/]+)$/, m => ({ page: 'device', deviceId: decodeURIComponent(m[1]) })],
  [/^#\/agents$/, () => ({ page: 'agents' })],
  [/^#\/trends$/, () => ({ page: 'trends' })],
];

export function resolve(hash) {
  for (const [pattern, route] of routes) {
    const match = pattern.exec(hash);
    if (match) return route(match);
  }
  return { page: 'missing' };
}

export const ticketHref = id => `#/tickets/${encodeURIComponent(id)}`;
export const deviceHref = deviceId => `#/devices/${encodeURIComponent(deviceId)}`;
