// JSON API client: same-origin fetch with the session cookie; unsafe methods
// carry X-CSRF-Token. Errors become ApiError with the server's stable code.

let csrfToken = null;
export function setCsrf(token) { csrfToken = token || null; }

export class ApiError extends Error {
  constructor(status, code, message, extra = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

const SAFE = new Set(['GET', 'HEAD']);
// A request that hangs longer than this is reported as failed so the person is never left wondering.
const REQUEST_TIMEOUT_MS = 20000;

export async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (!SAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin', signal: controller.signal,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Could not reach peerhub. Check your connection and try again.');
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  if ((response.headers.get('content-type') || '').includes('application/json')) {
    try { data = await response.json(); } catch { data = null; }
  }
  if (!response.ok) {
    const err = (data && data.error) || {};
    const { code, message, ...extra } = err;
    throw new ApiError(response.status, code || `http_${response.status}`,
      message || 'Something went wrong. Please try again.', extra);
  }
  if (data && typeof data.csrf_token === 'string') setCsrf(data.csrf_token);
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body = {}) => request('POST', path, body);
export const put = (path, body = {}) => request('PUT', path, body);
export const patch = (path, body = {}) => request('PATCH', path, body);
export const del = (path, body) => request('DELETE', path, body);

/** The list inside a response that may be a bare array or {key: [...]}. */
export function listOf(data, key) {
  if (Array.isArray(data)) return data;
  if (data && Array.isArray(data[key])) return data[key];
  if (data && Array.isArray(data.items)) return data.items;
  return [];
}

export const isMissing = (err) => err instanceof ApiError && (err.status === 404 || err.status === 405);
