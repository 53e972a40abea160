// Every call to the Api: the key comes from session storage (never the URL) and a refusal becomes a Problem
// carrying the problem document's own words, which the page shows next to the control that caused it.

const keyName = 'photonsupport.apiKey';

export const storedKey = () => sessionStorage.getItem(keyName);
export const storeKey = key => sessionStorage.setItem(keyName, key);
export const forgetKey = () => sessionStorage.removeItem(keyName);

/** The Api takes its keys as a bearer token (see README, API keys and roles). */
export const authorization = (key = storedKey()) => ({ Authorization: `Bearer ${key}` });

export class Problem extends Error {
  constructor(status, { title, detail, errors, type } = {}) {
    super(detail || title || `The Api answered ${status}.`);
    this.status = status;
    this.title = title || '';
    this.detail = detail || '';
    this.type = type || '';
    this.errors = errors || {};
  }

  /** Every word the problem says: its detail, or its title, and each field's errors. */
  get words() {
    const fields = Object.entries(this.errors).flatMap(([field, messages]) => messages.map(m => `${field}: ${m}`));
    return [this.detail || this.title || this.message, ...fields].join(' ');
  }
}

/** A problem document, or a stand-in when the answer was not one (a proxy's page, a dropped connection). */
export async function problemOf(response) {
  const text = await response.text();
  try {
    return new Problem(response.status, JSON.parse(text));
  } catch {
    return new Problem(response.status, { title: response.statusText || `The Api answered ${response.status}.` });
  }
}

/** Sends a request; answers the parsed JSON (null for an empty body), throws a Problem for any refusal. */
export async function call(method, path, { body, key, signal } = {}) {
  const headers = { ...authorization(key), Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new Problem(0, { title: 'The Api could not be reached. Is it running?' });
  }
  if (!response.ok) throw await problemOf(response);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const get = (path, options) => call('GET', path, options);
export const post = (path, body = {}, options) => call('POST', path, { ...options, body });

/** A query string of the values that are set, each encoded (a '+' in a date must travel as %2B). */
export function query(values) {
  const set = Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return set.length ? '?' + set.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') : '';
}
