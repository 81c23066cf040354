// The quote desk: search, article view with highlights, people, corrections
// with undo, live feed and article preview, on the HTTP/JSON API (api.js).
// Views are chosen by the location hash:
//   #/search?query=…&person=…   #/article/ID?quote=quotes/Q   #/person/ID
//   #/live   #/paste   #/corrections
import { api, token, setToken, ApiError } from './api.js';

const $ = (id) => document.getElementById(id);
const VIEWS = ['search', 'article', 'person', 'live', 'paste', 'corrections'];
const PAGE_SIZE = 20;

// ---- messages ------------------------------------------------------------

function showError(err) {
  const text = err instanceof ApiError
    ? `${err.codeName}${err.httpStatus ? ` (HTTP ${err.httpStatus})` : ''}: ${err.message}`
    : String(err && err.message ? err.message : err);
  $('error-text').textContent = text;
  $('error').hidden = false;
}

function clearError() {
  $('error').hidden = true;
}

// Navigations a notice outlives: it stays for the view the action leads to.
let noticeKeep = 0;

// A notice, with an Undo button when `undo` is given.
function notify(text, undo) {
  noticeKeep = 1;
  $('notice-text').textContent = text;
  const button = $('notice-undo');
  button.hidden = !undo;
  button.onclick = undo ? () => undo() : null;
  $('notice').hidden = false;
}

// Runs `fn`, showing its error; returns its result or undefined.
async function guarded(fn) {
  try {
    clearError();
    return await fn();
  } catch (err) {
    showError(err);
    return undefined;
  }
}

// ---- formatting ------------------------------------------------------------

function formatDate(timestamp) {
  if (!timestamp) return '';
  const date = new Date(timestamp);
  return date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

function idOf(name) {
  return name ? name.slice(name.indexOf('/') + 1) : '';
}

const articleTitles = new Map();  // article name -> Promise of its title

function articleTitle(name) {
  if (!articleTitles.has(name)) {
    articleTitles.set(name, api.getArticle(name)
      .then((r) => r.article.title || idOf(name))
      .catch(() => idOf(name)));
  }
  return articleTitles.get(name);
}

function sourceOf(quote, relation) {
  return (quote.sources || []).find((s) => s.relation === relation);
}

// A quote as a list item: text, speaker (role), outlet, article, date.
function quoteItem(quote, { stored = true, showArticle = true } = {}) {
  const item = $('quote-template').content.firstElementChild.cloneNode(true);
  item.dataset.quote = quote.name || '';
  item.querySelector('.text').textContent = quote.text;
  if (quote.language) item.querySelector('blockquote').lang = quote.language;
  const speaker = quote.speaker;
  const speakerButton = item.querySelector('.speaker');
  if (speaker && speaker.name) {
    speakerButton.textContent = speaker.name;
    if (stored && speaker.person) {
      speakerButton.addEventListener('click', () => { location.hash = `#/person/${idOf(speaker.person)}`; });
      speakerButton.setAttribute('aria-label', `${speaker.name}: person page`);
    } else {
      speakerButton.disabled = true;
    }
    const role = [speaker.description, speaker.age ? `${speaker.age}` : ''].filter(Boolean).join(', ');
    item.querySelector('.role').textContent = role ? `, ${role}` : '';
  } else {
    speakerButton.textContent = 'Unattributed';
    speakerButton.disabled = true;
  }
  const outlet = quote.outlet || (sourceOf(quote, 'SOURCE_RELATION_OUTLET') || {}).displayName;
  const publisher = (sourceOf(quote, 'SOURCE_RELATION_PUBLISHER') || {}).displayName;
  const parts = [];
  if (outlet) parts.push(`told ${outlet}`);
  if (publisher) parts.push(`in ${publisher}`);
  item.querySelector('.outlet').textContent = parts.join(' · ');
  const link = item.querySelector('.article');
  if (stored && showArticle && quote.article) {
    link.href = `#/article/${idOf(quote.article)}?quote=${encodeURIComponent(quote.name)}`;
    link.textContent = idOf(quote.article);
    articleTitle(quote.article).then((title) => { link.textContent = title; });
  } else {
    link.remove();
  }
  const time = item.querySelector('.date');
  if (quote.publishTime) {
    time.dateTime = quote.publishTime;
    time.textContent = formatDate(quote.publishTime);
  }
  const tags = [...(quote.topics || [])];
  if (quote.kind && quote.kind !== 'QUOTE_KIND_FULL') tags.push(quote.kind.replace('QUOTE_KIND_', '').toLowerCase());
  item.querySelector('.tags').textContent = tags.map((t) => `#${t}`).join(' ');
  const form = item.querySelector('.reattribute');
  if (stored && quote.name && token()) {
    form.hidden = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      reattribute(quote, form.elements.person.value.trim());
    });
  }
  return item;
}

function fillQuotes(list, quotes, options) {
  list.replaceChildren(...quotes.map((q) => quoteItem(q, options)));
}

// The article text with every span of every quote marked; the spans of
// `current` (a quote name) get the class "current". Offsets are UTF-16.
function renderText(container, text, quotes, current) {
  const marks = [];
  for (const quote of quotes) {
    for (const span of quote.spans || []) {
      marks.push({ start: span.start || 0, end: span.end || 0, quote });
    }
  }
  marks.sort((a, b) => a.start - b.start);
  const nodes = [];
  let at = 0;
  for (const mark of marks) {
    if (mark.start < at || mark.end <= mark.start) continue;  // overlapping
    if (mark.start > at) nodes.push(document.createTextNode(text.slice(at, mark.start)));
    const element = document.createElement('mark');
    element.textContent = text.slice(mark.start, mark.end);
    const who = mark.quote.speaker ? mark.quote.speaker.name : 'unattributed';
    element.title = `Quote of ${who}`;
    if (mark.quote.name) element.dataset.quote = mark.quote.name;
    if (current && mark.quote.name === current) element.className = 'current';
    nodes.push(element);
    at = mark.end;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  container.replaceChildren(...nodes);
}

// ---- views -------------------------------------------------------------------

function showView(name) {
  for (const view of VIEWS) $(`view-${view}`).hidden = view !== name;
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function focusHeading(id) {
  const heading = $(id);
  if (heading) heading.focus({ preventScroll: false });
}

// -- search

let searchNextToken = '';
let searchFilters = {};
// The latest runSearch: an answer to an earlier one that arrives after it
// (the newest quotes listed on opening, overtaken by a search typed at once)
// is dropped, not shown over the later answer.
let searchSeq = 0;

function filtersFromForm() {
  const form = $('search-form');
  const f = {
    query: form.query.value.trim(),
    person: form.person.value.trim(),
    topic: form.topic.value,
    source: form.source.value.trim(),
    language: form.language.value.trim(),
    from: form.from.value,
    to: form.to.value,
    nonspeech: form.nonspeech.checked ? '1' : '',
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v));
}

function fillForm(filters) {
  const form = $('search-form');
  for (const key of ['query', 'person', 'topic', 'source', 'language', 'from', 'to']) {
    form[key].value = filters[key] || '';
  }
  form.nonspeech.checked = !!filters.nonspeech;
}

function requestOf(filters) {
  const request = {
    query: filters.query, person: filters.person, topic: filters.topic,
    source: filters.source, language: filters.language,
    include_non_speech: filters.nonspeech ? 'true' : '',
    page_size: PAGE_SIZE,
  };
  if (filters.from) request.start_time = `${filters.from}T00:00:00Z`;
  if (filters.to) {
    const end = new Date(`${filters.to}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    request.end_time = end.toISOString();
  }
  return request;
}

async function runSearch(filters, append) {
  const status = $('search-status');
  status.textContent = 'Searching…';
  const request = requestOf(filters);
  if (append) request.page_token = searchNextToken;
  const seq = ++searchSeq;
  const response = await guarded(() => api.listQuotes(request));
  if (seq !== searchSeq) return;
  if (!response) {
    status.textContent = 'The search failed.';
    return;
  }
  const quotes = response.quotes || [];
  const list = $('results');
  if (!append) list.replaceChildren();
  list.append(...quotes.map((q) => quoteItem(q)));
  searchNextToken = response.nextPageToken || '';
  $('more').hidden = !searchNextToken;
  const count = list.children.length;
  status.textContent = count === 0 ? 'No quotes match.' : `${count} quote${count === 1 ? '' : 's'}${searchNextToken ? ' so far' : ''}.`;
}

async function showSearch(params) {
  showView('search');
  const filters = Object.fromEntries(params.entries());
  fillForm(filters);
  const key = JSON.stringify(filters);
  if (key !== JSON.stringify(searchFilters) || $('results').children.length === 0) {
    searchFilters = filters;
    await runSearch(filters, false);
  }
}

// -- article

async function showArticle(id, params) {
  showView('article');
  const current = params.get('quote') || '';
  const response = await guarded(() => api.getArticle(`articles/${id}`));
  if (!response) return;
  const { article } = response;
  const quotes = response.quotes || [];
  $('article-title').textContent = article.title || id;
  const meta = [article.publisher, formatDate(article.publishTime), article.language,
    `${quotes.length} quote${quotes.length === 1 ? '' : 's'}`].filter(Boolean);
  $('article-meta').textContent = meta.join(' · ');
  if (article.url) {
    const link = document.createElement('a');
    link.href = article.url;
    link.textContent = 'original';
    link.rel = 'noopener noreferrer';
    $('article-meta').append(' · ', link);
  }
  const text = $('article-text');
  text.lang = article.language || '';
  renderText(text, article.text, quotes, current);
  fillQuotes($('article-quotes'), quotes, { showArticle: false });
  for (const item of $('article-quotes').children) {
    if (item.dataset.quote === current) item.classList.add('current');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link';
    button.textContent = 'Highlight';
    button.addEventListener('click', () => {
      location.hash = `#/article/${id}?quote=${encodeURIComponent(item.dataset.quote)}`;
    });
    item.querySelector('.where').append(' ', button);
  }
  focusHeading('article-title');
  const first = text.querySelector('mark.current');
  if (first) first.scrollIntoView({ block: 'center' });
}

// -- person

let currentPerson = null;

async function showPerson(id) {
  showView('person');
  // Busy until this person's quotes replace the list (assistive technology
  // waits; so can a script about to act on a quote card).
  const list = $('person-quotes');
  list.setAttribute('aria-busy', 'true');
  try {
    await renderPerson(id, list);
  } finally {
    list.setAttribute('aria-busy', 'false');
  }
}

async function renderPerson(id, list) {
  const response = await guarded(() => api.getPerson(id));
  if (!response) return;
  const person = response.person;
  currentPerson = person;
  $('person-title').textContent = person.displayName;
  const facts = [
    ['Kind', (person.kind || '').replace('SPEAKER_KIND_', '').toLowerCase()],
    ['Quotes', `${person.quoteCount || 0} in ${person.articleCount || 0} article${person.articleCount === '1' ? '' : 's'}`],
    ['Names', (person.aliases || []).join(' · ')],
    ['Languages', (person.languages || []).join(', ')],
    ['Described as', (person.descriptions || []).join(' · ')],
  ];
  $('person-facts').replaceChildren(...facts.filter(([, v]) => v).flatMap(([k, v]) => {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    return [dt, dd];
  }));
  $('rename-input').value = person.displayName;
  $('split-aliases').replaceChildren(...(person.aliases || []).map((alias, i) => {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = alias;
    box.id = `split-alias-${i}`;
    label.append(box, ` ${alias}`);
    return label;
  }));
  focusHeading('person-title');
  const quotes = await guarded(() => api.listQuotes({ person: person.name, page_size: PAGE_SIZE }));
  if (quotes) fillQuotes(list, quotes.quotes || []);
}

// -- corrections, each with its inverse

const undoStack = [];  // {summary, undo: async fn, done: bool}

function record(summary, undo) {
  const entry = { summary, undo, done: !undo };
  undoStack.unshift(entry);
  notify(summary, undo ? () => undoEntry(entry) : null);
  renderUndoList();
}

async function undoEntry(entry) {
  if (entry.done) return;
  const result = await guarded(entry.undo);
  if (result === undefined) return;
  entry.done = true;
  notify(`Undone: ${entry.summary}`);
  renderUndoList();
  await refresh();
}

// Fills `list` with `items`, or with one muted line saying `empty`.
function fillList(list, empty, items) {
  if (items.length > 0) {
    list.replaceChildren(...items);
    return;
  }
  const line = document.createElement('li');
  line.className = 'muted';
  line.textContent = empty;
  list.replaceChildren(line);
}

function renderUndoList() {
  fillList($('undo-list'), 'None yet.', undoStack.map((entry) => {
    const li = document.createElement('li');
    li.textContent = entry.summary;
    if (!entry.undo) {
      li.append(' (no inverse: the quote had no speaker)');
    } else if (entry.done) {
      li.append(' (undone)');
    } else {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Undo';
      button.addEventListener('click', () => undoEntry(entry));
      li.append(' ', button);
    }
    return li;
  }));
}

async function rename(displayName) {
  const person = currentPerson;
  const before = person.displayName;
  const done = await guarded(() => api.rename(person.name, displayName));
  if (!done) return;
  record(`Renamed ${before} to ${displayName}`,
    () => api.rename(person.name, before));
  await refresh();
}

async function merge(otherName) {
  const person = currentPerson;
  const other = await guarded(() => api.getPerson(otherName));
  if (!other) return;
  const duplicate = other.person;
  if (duplicate.name === person.name) {
    showError(new Error(`${otherName} is already ${person.displayName}`));
    return;
  }
  const done = await guarded(() => api.merge(person.name, [duplicate.name]));
  if (!done) return;
  const aliases = (duplicate.aliases || []).filter((a) => !(person.aliases || []).includes(a));
  record(`Merged ${duplicate.displayName} into ${person.displayName}`,
    () => api.split(person.name, aliases.length ? aliases : duplicate.aliases, duplicate.displayName));
  await refresh();
}

async function split(aliases, displayName) {
  const person = currentPerson;
  const done = await guarded(() => api.split(person.name, aliases, displayName));
  if (!done) return;
  const created = done.splitPerson;
  record(`Split ${created.displayName} off ${person.displayName}`,
    () => api.merge(person.name, [created.name]));
  await refresh();
}

async function reattribute(quote, personName) {
  if (!personName) return;
  const before = quote.speaker && quote.speaker.person;
  const done = await guarded(() => api.reattribute(quote.name, personName));
  if (!done) return;
  const after = done.quote.speaker ? done.quote.speaker.name : personName;
  record(`Reattributed “${quote.text.slice(0, 40)}…” to ${after}`,
    before ? () => api.reattribute(quote.name, before) : null);
  await refresh();
}

async function showCorrections() {
  showView('corrections');
  renderUndoList();
  focusHeading('corrections-title');
  const response = await guarded(() => api.listCorrections({ page_size: 50 }));
  if (!response) return;
  const corrections = response.corrections || [];
  fillList($('correction-log'), 'No corrections yet.', corrections.map((c) => {
    const li = document.createElement('li');
    const when = document.createElement('time');
    when.dateTime = c.createTime || '';
    when.textContent = c.createTime ? new Date(c.createTime).toLocaleString() : '';
    const action = document.createElement('strong');
    action.textContent = c.action;
    li.append(action, ` ${c.summary} `, c.editor ? `(by ${c.editor}) ` : '', when);
    return li;
  }));
}

// -- live feed: one EventSource for the page's lifetime

let liveUnseen = 0;

function startLive() {
  const source = new EventSource(api.watchUrl({}));
  const state = $('live-state');
  source.addEventListener('open', () => { state.textContent = 'Connected: new quotes appear here as articles are stored.'; });
  source.addEventListener('message', (event) => {
    const { quote } = JSON.parse(event.data);
    if (!quote) return;
    $('live-quotes').prepend(quoteItem(quote));
    if ($('view-live').hidden) {
      liveUnseen += 1;
      $('live-count').textContent = String(liveUnseen);
      $('live-count').hidden = false;
    }
  });
  source.addEventListener('error', (event) => {
    if (event.data) {
      try {
        const status = JSON.parse(event.data);
        state.textContent = `The feed ended: ${status.message}`;
        return;
      } catch { /* fall through */ }
    }
    state.textContent = source.readyState === EventSource.CLOSED
      ? 'The feed is closed; reload the page to reconnect.'
      : 'Reconnecting…';
  });
}

function showLive() {
  showView('live');
  liveUnseen = 0;
  $('live-count').hidden = true;
  focusHeading('live-title');
}

// -- paste an article

let pasted = null;

function pastedArticle() {
  const article = {
    text: $('p-text').value,
    title: $('p-title').value.trim(),
    publisher: $('p-publisher').value.trim(),
    language: $('p-language').value.trim(),
    url: $('p-url').value.trim(),
  };
  if ($('p-date').value) article.publish_time = `${$('p-date').value}T12:00:00Z`;
  return Object.fromEntries(Object.entries(article).filter(([, v]) => v));
}

async function preview() {
  const article = pastedArticle();
  const response = await guarded(() => api.extract(article));
  if (!response) return;
  pasted = article;
  const quotes = response.quotes || [];
  $('preview').hidden = false;
  $('preview-meta').textContent = `${quotes.length} quote${quotes.length === 1 ? '' : 's'} · language ${response.language || '?'}` +
    (response.wireCredits && response.wireCredits.length ? ` · wire: ${response.wireCredits.join(', ')}` : '');
  renderText($('preview-text'), article.text, quotes, '');
  const speakers = new Map();
  for (const q of quotes) {
    const name = q.speaker && q.speaker.name ? q.speaker.name : 'Unattributed';
    const entry = speakers.get(name) || { count: 0, description: '' };
    entry.count += 1;
    entry.description = entry.description || (q.speaker && q.speaker.description) || '';
    speakers.set(name, entry);
  }
  $('preview-speakers').replaceChildren(...[...speakers].map(([name, s]) => {
    const li = document.createElement('li');
    li.textContent = `${name}${s.description ? `, ${s.description}` : ''}: ${s.count}`;
    return li;
  }));
  fillQuotes($('preview-quotes'), quotes, { stored: false });
  $('p-store').disabled = false;
  focusHeading('preview-title');
}

async function store() {
  if (!pasted) return;
  const response = await guarded(() => api.ingest(pasted));
  if (!response) return;
  const { article } = response;
  articleTitles.delete(article.name);
  notify(`Stored ${article.title || idOf(article.name)} with ${article.quoteCount || 0} quotes${response.replaced ? ' (replacing the earlier version)' : ''}.`);
  location.hash = `#/article/${idOf(article.name)}`;
}

// ---- wiring -------------------------------------------------------------------

async function route() {
  if (noticeKeep > 0) noticeKeep -= 1;
  else $('notice').hidden = true;
  const hash = location.hash.replace(/^#\/?/, '') || 'search';
  const [pathPart, queryPart] = hash.split('?');
  const params = new URLSearchParams(queryPart || '');
  const [view, ...rest] = pathPart.split('/');
  const id = decodeURIComponent(rest.join('/'));
  if (view === 'article' && id) await showArticle(id, params);
  else if (view === 'person' && id) await showPerson(id);
  else if (view === 'live') showLive();
  else if (view === 'paste') { showView('paste'); focusHeading('paste-title'); }
  else if (view === 'corrections') await showCorrections();
  else await showSearch(params);
}

// Re-reads what the current view shows (after a correction).
async function refresh() {
  searchFilters = {};
  articleTitles.clear();
  await route();
}

function updateTokenState() {
  $('token-state').textContent = token() ? 'Token set for this tab.' : 'No token: read only.';
  $('token-input').value = '';
  $('person-edit').classList.toggle('locked', !token());
}

async function fillChoices() {
  const [topics, people, sources] = await Promise.all([
    api.listTopics({ page_size: 200 }).catch(() => null),
    api.listPeople({ page_size: 200 }).catch(() => null),
    api.listSources({ page_size: 200 }).catch(() => null),
  ]);
  if (topics) {
    const select = $('f-topic');
    const chosen = select.value;
    select.replaceChildren(new Option('Any topic', ''), ...(topics.topics || []).map(
      (t) => new Option(`${t.displayName} (${t.quoteCount || 0})`, idOf(t.name))));
    select.value = chosen;
  }
  if (people) {
    $('people-list').replaceChildren(...(people.people || []).map((p) => new Option(p.displayName)));
  }
  if (sources) {
    $('sources-list').replaceChildren(...(sources.sources || []).map((s) => new Option(s.displayName)));
  }
}

function init() {
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams(filtersFromForm());
    const target = `#/search?${params}`;
    if (location.hash === target) {
      searchFilters = {};
      route();
    } else {
      location.hash = target;
    }
  });
  $('search-form').addEventListener('reset', () => {
    setTimeout(() => { location.hash = '#/search'; }, 0);
  });
  $('more').addEventListener('click', () => runSearch(searchFilters, true));
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    setToken($('token-input').value.trim());
    updateTokenState();
    refresh();
  });
  $('token-clear').addEventListener('click', () => {
    setToken('');
    updateTokenState();
    refresh();
  });
  $('error-close').addEventListener('click', clearError);
  $('rename-form').addEventListener('submit', (event) => {
    event.preventDefault();
    rename($('rename-input').value.trim());
  });
  $('merge-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const name = $('merge-input').value.trim();
    $('merge-input').value = '';
    merge(name);
  });
  $('split-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const aliases = [...$('split-aliases').querySelectorAll('input:checked')].map((b) => b.value);
    if (aliases.length === 0) {
      showError(new Error('Choose the aliases to split off.'));
      return;
    }
    split(aliases, $('split-name').value.trim());
  });
  $('paste-form').addEventListener('submit', (event) => {
    event.preventDefault();
    preview();
  });
  $('paste-form').addEventListener('input', () => { $('p-store').disabled = true; });
  $('p-store').addEventListener('click', store);
  window.addEventListener('hashchange', route);
  updateTokenState();
  startLive();
  fillChoices();
  route();
}

init();
