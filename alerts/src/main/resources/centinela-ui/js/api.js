// Every call to the server: the session, JSON requests with the one error shape, and the live alert stream.

const SESSION_KEY = 'centinela.session';

/** An answer of the API that is not a success: its HTTP status and the server's {code, message, field}. */
export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

let session = readSession();
const expiredListeners = new Set();

function readSession() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(SESSION_KEY));
    return stored && !(Date.parse(stored.expiresAt) <= Date.now()) ? stored : null;
  } catch {
    return null;
  }
}

function saveSession(value) {
  session = value;
  if (value) {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
  } else {
    sessionStorage.removeItem(SESSION_KEY);
  }
}

/** The logged-in user {username, role}, or null. */
export function currentUser() {
  return session ? { username: session.username, role: session.role } : null;
}

/** Called when the server no longer accepts the session (a 401 on any call). */
export function onSessionExpired(listener) {
  expiredListeners.add(listener);
}

function expire() {
  if (session) {
    saveSession(null);
    expiredListeners.forEach((listener) => listener());
  }
}

/**
 * The one place that knows how the server authenticates: exchanges the user name and password for a session
 * {authorization, username, role, expiresAt} (a bearer token from POST /api/session).
 */
async function openSession(username, password) {
  const response = await fetch('/api/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
    cache: 'no-store',
    credentials: 'omit',
  });
  if (!response.ok) {
    throw await errorOf(response);
  }
  const session = await response.json();
  return { authorization: `Bearer ${session.token}`, username: session.username, role: session.role, expiresAt: session.expires_at };
}

async function closeSession() {
  if (session) {
    await fetch('/api/session', { method: 'DELETE', headers: { Authorization: session.authorization }, cache: 'no-store', credentials: 'omit' });
  }
}

export async function logIn(username, password) {
  saveSession(await openSession(username, password));
  return currentUser();
}

export async function logOut() {
  try {
    await closeSession();
  } finally {
    saveSession(null);
  }
}

async function errorOf(response) {
  try {
    const body = await response.json();
    if (body?.error) {
      const error = new ApiError(response.status, body.error.code, body.error.message, body.error.field);
      error.problems = body.error.problems;
      return error;
    }
  } catch {
    // not JSON: described below
  }
  return new ApiError(response.status, 'http_' + response.status, response.statusText || `HTTP ${response.status}`);
}

export async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (session) {
    headers.Authorization = session.authorization;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store', credentials: 'omit' });
  } catch (e) {
    throw new ApiError(0, 'network', e.message);
  }
  if (response.status === 401) {
    expire();
  }
  if (!response.ok) {
    throw await errorOf(response);
  }
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') ?? '';
  return type.includes('json') ? response.json() : response.blob();
}

/** GET with the non-empty query parameters. */
export function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value != null && value !== '') {
      query.set(key, value);
    }
  }
  const text = query.toString();
  return request('GET', text ? `${path}?${text}` : path);
}

/** Fetches a file with the session's login and hands it to the browser as a download named {@code name}. */
export async function download(path, name) {
  const blob = await request('GET', path);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function post(path, body) {
  return request('POST', path, body);
}

/**
 * Follows a server-sent-events stream with fetch, so that it carries the same Authorization header as every other
 * call (EventSource cannot). Reconnects with a growing pause; returns a function that stops it.
 */
export function follow(path, onEvent, onState) {
  let stopped = false;
  let controller = null;
  let pause = 1000;

  async function connect() {
    controller = new AbortController();
    onState('connecting');
    try {
      const response = await fetch(path, {
        headers: { Authorization: session?.authorization ?? '', Accept: 'text/event-stream' },
        cache: 'no-store',
        credentials: 'omit',
        signal: controller.signal,
      });
      if (response.status === 401) {
        expire();
        return;
      }
      if (!response.ok || !response.body) {
        throw new Error(`HTTP ${response.status}`);
      }
      onState('live');
      pause = 1000;
      await readEvents(response.body, onEvent);
    } catch (e) {
      if (stopped) {
        return;
      }
    }
    if (!stopped && session) {
      onState('reconnecting');
      setTimeout(connect, pause);
      pause = Math.min(pause * 2, 30000);
    }
  }

  connect();
  return () => {
    stopped = true;
    controller?.abort();
  };
}

async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      dispatch(buffer.slice(0, end), onEvent);
      buffer = buffer.slice(end + 2);
    }
  }
}

function dispatch(block, onEvent) {
  let type = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') {
      type = value;
    } else if (field === 'data') {
      data.push(value);
    }
  }
  if (data.length) {
    try {
      onEvent(type, JSON.parse(data.join('\n')));
    } catch {
      // an event that is not JSON is not for us
    }
  }
}
