// The quote desk's calls to the Quotewire HTTP/JSON API (the routes of the
// google.api.http annotations of quotewire.proto). Every offset asked for is
// in UTF-16 code units, so JavaScript string indices slice the text directly.

const TOKEN_KEY = 'quotewire.token';
export const OFFSET_UNIT = 'OFFSET_UNIT_UTF16';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

// An error answered by the API: the HTTP status and the google.rpc.Status.
export class ApiError extends Error {
  constructor(httpStatus, status) {
    super(status.message || `HTTP ${httpStatus}`);
    this.httpStatus = httpStatus;
    this.code = status.code;
    this.codeName = CODE_NAMES[status.code] || `code ${status.code}`;
  }
}

const CODE_NAMES = {
  1: 'CANCELLED', 2: 'UNKNOWN', 3: 'INVALID_ARGUMENT', 4: 'DEADLINE_EXCEEDED',
  5: 'NOT_FOUND', 6: 'ALREADY_EXISTS', 7: 'PERMISSION_DENIED',
  8: 'RESOURCE_EXHAUSTED', 9: 'FAILED_PRECONDITION', 10: 'ABORTED',
  11: 'OUT_OF_RANGE', 12: 'UNIMPLEMENTED', 13: 'INTERNAL', 14: 'UNAVAILABLE',
  15: 'DATA_LOSS', 16: 'UNAUTHENTICATED',
};

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// Resource names go in paths as they are ("people/x"), each segment escaped.
function path(name) {
  return name.split('/').map(encodeURIComponent).join('/');
}

async function call(method, url, body, { write = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const bearer = token();
  if (bearer && (write || method !== 'GET')) headers.Authorization = `Bearer ${bearer}`;
  let response;
  try {
    response = await fetch(url, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, { code: 14, message: `the server cannot be reached (${err.message})` });
  }
  const text = await response.text();
  let json = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = { code: 2, message: text.slice(0, 200) };
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const api = {
  listQuotes: (filters) => call('GET', `/v1/quotes${query({ ...filters, offset_unit: OFFSET_UNIT })}`),
  getQuote: (name) => call('GET', `/v1/${path(name)}${query({ offset_unit: OFFSET_UNIT })}`),
  getArticle: (name) => call('GET', `/v1/${path(name)}${query({ offset_unit: OFFSET_UNIT })}`),
  getPerson: (name) => call('GET', `/v1/people/${encodeURIComponent(name.replace(/^people\//, ''))}`),
  listPeople: (params) => call('GET', `/v1/people${query(params)}`),
  listSources: (params) => call('GET', `/v1/sources${query(params)}`),
  listTopics: (params) => call('GET', `/v1/topics${query(params)}`),
  listCorrections: (params) => call('GET', `/v1/corrections${query(params)}`),
  extract: (article) => call('POST', '/v1/articles:extract', { article, offset_unit: OFFSET_UNIT }),
  ingest: (article) => call('POST', '/v1/articles', { article, offset_unit: OFFSET_UNIT }),
  rename: (person, displayName) =>
    call('POST', `/v1/${path(person)}:rename`, { display_name: displayName }),
  merge: (person, people) => call('POST', '/v1/people:merge', { person, people }),
  split: (person, aliases, displayName) =>
    call('POST', `/v1/${path(person)}:split`, { aliases, display_name: displayName || '' }),
  reattribute: (quote, person) =>
    call('POST', `/v1/${path(quote)}:reattribute`, { person, offset_unit: OFFSET_UNIT }),
  watchUrl: (filters) => `/v1/quotes:watch${query({ ...filters, offset_unit: OFFSET_UNIT })}`,
};
