// Browser test of the quote desk (web/): a real quotewire-server with the
// HTTP listener serving web/, a temporary database and a write token, and
// Debian's Chromium driven by playwright-core. Covers search (Enter in the
// form), the article view with every span of a multi-paragraph quote
// highlighted, a merge and its undo, the live feed receiving a quote ingested
// meanwhile, the error shown for a wrong token, and the article preview;
// also rename and reattribute with their undo.
// Screenshots go to QUOTEWIRE_WEB_SCREENSHOT_DIR.
//
// Environment: QUOTEWIRE_SERVER_BIN, QUOTEWIRE_WEB_DIR,
// QUOTEWIRE_WEB_NODE_MODULES (where `npm ci` put playwright-core),
// QUOTEWIRE_WEB_SCREENSHOT_DIR, CHROMIUM (default /usr/bin/chromium).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const require = createRequire(path.join(env('QUOTEWIRE_WEB_NODE_MODULES'), 'index.js'));
const { chromium } = require('playwright-core');

const TOKEN = 'desk-test-write-token';
const SHOTS = env('QUOTEWIRE_WEB_SCREENSHOT_DIR');
const TIMEOUT_MS = 100_000;

// Invented articles. The second has a quote over two paragraphs (the first
// paragraph's quote left open, the next reopened), whose two spans must both
// be highlighted.
const ARTICLES = [
  {
    id: 'harbour-vote',
    title: 'Council approves the harbour plan',
    publisher: 'Northern Courier',
    language: 'en',
    publish_time: '2026-03-02T09:00:00Z',
    text: [
      'The city council approved the new harbour plan on Monday after a long debate.',
      '"This plan gives the fishermen a future," Mayor Ana Lindqvist said after the vote.',
      'Opposition leader Tomas Berglund was not convinced. "The costs will double within two years," he told reporters.',
    ].join('\n'),
  },
  {
    id: 'harbour-reaction',
    title: 'Fishermen welcome the harbour decision',
    publisher: 'Coastal Daily',
    language: 'en',
    publish_time: '2026-03-03T10:00:00Z',
    text: [
      'Fishermen gathered on the quay on Tuesday to discuss the council\'s decision.',
      '"We have waited twenty years for new moorings. The old quay is falling apart.',
      '"Now our children can stay in the village," said Erik Holm, chairman of the fishermen\'s association.',
      'Councillor Lena Strand, who voted for the plan, said the work would start in May.',
    ].join('\n'),
  },
];

const LIVE_ARTICLE = {
  id: 'harbour-protest',
  title: 'Protest at the town hall',
  publisher: 'Northern Courier',
  language: 'en',
  publish_time: '2026-03-05T08:00:00Z',
  text: 'A small group protested at the town hall on Thursday.\n"Nobody asked the residents about the noise," said Karin Dahl, a retired teacher.',
};

const PASTED_TEXT = 'The ferry will run again next week.\n"The repairs are finished and the ship is safe," harbour master Olof Nyberg said on Friday.';

function startServer(dir) {
  const tokenFile = path.join(dir, 'tokens');
  writeFileSync(tokenFile, `${TOKEN} write desk-test\n`, { mode: 0o600 });
  const server = spawn(env('QUOTEWIRE_SERVER_BIN'), [
    '--listen=127.0.0.1:0',
    '--http_listen=127.0.0.1:0',
    `--http_static_dir=${env('QUOTEWIRE_WEB_DIR')}`,
    `--db=${path.join(dir, 'quotes.db')}`,
    `--auth_token_file=${tokenFile}`,
  ], { stdio: ['ignore', 'inherit', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 30_000);
    server.stderr.on('data', (chunk) => {
      log += chunk;
      process.stderr.write(chunk);
      const match = /HTTP on (\S+)/.exec(log);
      if (match && /listening on/.test(log)) {
        clearTimeout(timer);
        resolve({ server, base: `http://${match[1]}` });
      }
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${log}`)));
  });
}

async function ingest(base, article) {
  const response = await fetch(`${base}/v1/articles`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ article }),
  });
  const body = await response.json();
  assert.equal(response.status, 200, JSON.stringify(body));
  return body;
}

async function getJson(base, route) {
  const response = await fetch(`${base}${route}`);
  return { status: response.status, body: await response.json() };
}

// Opens the person page's corrections (a <details>, left open once opened).
async function openCorrections(page) {
  if (await page.locator('#person-edit[open]').count() === 0) {
    await page.locator('#person-edit summary').press('Enter');
  }
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function run(base) {
  for (const article of ARTICLES) await ingest(base, article);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    const consoleErrors = [];
    page.on('pageerror', (err) => consoleErrors.push(String(err)));

    // --- search: free text, from the keyboard (Enter submits).
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Search quotes' }).waitFor();
    await page.getByLabel('Words', { exact: true }).fill('fishermen future');
    await page.getByLabel('Words', { exact: true }).press('Enter');
    const results = page.locator('#results > li');
    // The desk lists the newest quotes on opening; wait until the search's
    // answer has replaced them (a search that matched more never gets there).
    await page.waitForFunction(
        () => document.querySelectorAll('#results > li').length === 1 &&
              /fishermen a future/.test(document.querySelector('#results > li').innerText));
    assert.equal(await results.count(), 1);
    assert.match(await results.first().innerText(), /This plan gives the fishermen a future/);
    assert.match(await results.first().locator('.speaker').innerText(), /Lindqvist/);
    // Filters combine: a person and a time range.
    await page.getByLabel('Words', { exact: true }).fill('');
    await page.getByRole('combobox', { name: 'Person', exact: true }).fill('Erik Holm');
    await page.getByLabel('From', { exact: true }).fill('2026-03-03');
    await page.getByRole('combobox', { name: 'Person', exact: true }).press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('#results > li').length === 1 &&
      document.querySelector('#results .speaker').textContent.includes('Holm'));
    const holm = results.first();
    assert.match(await holm.locator('.role').innerText(), /chairman/);
    assert.match(await holm.locator('.where').innerText(), /Coastal Daily/);
    await holm.locator('a.article').filter({ hasText: 'Fishermen welcome' }).waitFor();
    await shot(page, 'search');

    // --- article view: both spans of the multi-paragraph quote highlighted.
    await holm.locator('a.article').click();
    await page.getByRole('heading', { name: 'Fishermen welcome the harbour decision' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'article-title',
      'focus moves to the view\'s heading');
    const current = page.locator('#article-text mark.current');
    await current.first().waitFor();
    assert.equal(await current.count(), 2, 'one highlight per paragraph of the quote');
    const marked = await current.allTextContents();
    assert.match(marked[0], /^We have waited twenty years/);
    assert.match(marked[1], /^Now our children can stay in the village/);
    const quoteText = await page.locator('#article-quotes li.current .text').innerText();
    assert.equal(marked.join('\n'), quoteText, 'the marks are exactly the quote');
    await shot(page, 'article');

    // --- a wrong token: the google.rpc.Status message is shown.
    await page.getByLabel('Write token', { exact: true }).fill('not-the-token');
    await page.getByRole('button', { name: 'Use', exact: true }).click();
    await page.goto(`${base}/#/person/${encodeURIComponent('Erik Holm')}`);
    await page.getByRole('heading', { name: 'Erik Holm' }).waitFor();
    await openCorrections(page);
    await page.getByLabel('New display name', { exact: true }).fill('Erik J. Holm');
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /UNAUTHENTICATED \(HTTP 401\)/);
    await shot(page, 'wrong-token');
    assert.equal((await getJson(base, '/v1/people/Erik%20Holm')).body.person.displayName, 'Erik Holm');

    // --- merge and undo, with the right token.
    await page.getByLabel('Write token', { exact: true }).fill(TOKEN);
    await page.getByRole('button', { name: 'Use', exact: true }).click();
    const before = (await getJson(base, '/v1/people/Ana%20Lindqvist')).body.person;
    const other = (await getJson(base, '/v1/people/Tomas%20Berglund')).body.person;
    await page.goto(`${base}/#/person/${before.name.split('/')[1]}`);
    await page.getByRole('heading', { name: before.displayName }).waitFor();
    await openCorrections(page);
    await page.getByLabel('Merge into this person', { exact: true }).fill('Tomas Berglund');
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    const notice = page.getByRole('status').filter({ hasText: 'Merged' });
    await notice.waitFor();
    await page.locator('#person-facts').filter({ hasText: 'Berglund' }).waitFor();
    const merged = (await getJson(base, `/v1/${before.name}`)).body.person;
    assert.equal(Number(merged.quoteCount), Number(before.quoteCount) + Number(other.quoteCount));
    // The merged person's name now leads to the person that remains.
    assert.equal((await getJson(base, `/v1/${other.name}`)).body.person.name, before.name);
    await page.locator('#person-quotes > li').nth(Number(merged.quoteCount) - 1).waitFor();
    await shot(page, 'merge');

    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Undone' }).waitFor();
    await page.waitForFunction(() => !document.getElementById('person-facts').textContent.includes('Berglund'));
    const after = (await getJson(base, `/v1/${before.name}`)).body.person;
    assert.equal(after.quoteCount, before.quoteCount);
    assert.deepEqual(after.aliases, before.aliases);
    const back = await getJson(base, '/v1/people/Tomas%20Berglund');
    assert.equal(back.status, 200);
    assert.equal(back.body.person.displayName, other.displayName);
    assert.equal(back.body.person.quoteCount, other.quoteCount);
    // Rename from the keyboard (Enter in the field), and undo.
    await page.getByLabel('New display name', { exact: true }).fill('Ana M. Lindqvist');
    await page.getByLabel('New display name', { exact: true }).press('Enter');
    await page.getByRole('heading', { name: 'Ana M. Lindqvist', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await page.getByRole('heading', { name: before.displayName, exact: true }).waitFor();
    // The undo re-renders the page: act on a card only once its list is the
    // new one (a card filled in the old list is replaced, empty, on a slow
    // machine).
    await page.locator('#person-quotes[aria-busy="false"]').waitFor();
    // Reattribute a quote on the person page, and undo.
    const holmBefore = (await getJson(base, '/v1/people/Erik%20Holm')).body.person;
    const card = page.locator('#person-quotes > li').filter({ hasText: 'fishermen a future' });
    await card.getByLabel('Attribute to', { exact: true }).fill('Erik Holm');
    await card.getByRole('button', { name: 'Reattribute', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Reattributed' }).waitFor();
    const holmAfter = (await getJson(base, '/v1/people/Erik%20Holm')).body.person;
    assert.equal(Number(holmAfter.quoteCount), Number(holmBefore.quoteCount) + 1);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Undone: Reattributed' }).waitFor();
    assert.equal((await getJson(base, '/v1/people/Erik%20Holm')).body.person.quoteCount, holmBefore.quoteCount);
    assert.equal((await getJson(base, `/v1/${before.name}`)).body.person.quoteCount, before.quoteCount);

    await page.getByRole('link', { name: 'Corrections' }).click();
    const log = page.locator('#correction-log > li');
    await log.nth(5).waitFor();
    const actions = (await log.allInnerTexts()).map((line) => line.split(' ')[0]);
    assert.deepEqual(actions, ['reattribute', 'reattribute', 'rename', 'rename', 'split', 'merge']);
    assert.equal(await page.locator('#undo-list > li').filter({ hasText: '(undone)' }).count(), 3);
    await shot(page, 'corrections');

    // --- live feed: a quote ingested while the page watches.
    await page.getByRole('link', { name: /Live feed/ }).click();
    await page.locator('#live-state').filter({ hasText: 'Connected' }).waitFor();
    await ingest(base, LIVE_ARTICLE);
    const live = page.locator('#live-quotes > li').filter({ hasText: 'Nobody asked the residents' });
    await live.waitFor();
    assert.match(await live.locator('.speaker').innerText(), /Karin Dahl/);
    await shot(page, 'live');

    // --- paste an article: preview its quotes and speakers, then store it.
    await page.getByRole('link', { name: 'Paste article' }).click();
    await page.getByLabel('Headline', { exact: true }).fill('Ferry back in service');
    await page.getByLabel('Text (one paragraph a line)', { exact: true }).fill(PASTED_TEXT);
    await page.getByRole('button', { name: 'Show the quotes', exact: true }).click();
    await page.locator('#preview-quotes > li').first().waitFor();
    assert.match(await page.locator('#preview-speakers').innerText(), /Olof Nyberg/);
    assert.equal(await page.locator('#preview-text mark').innerText(), 'The repairs are finished and the ship is safe,');
    await shot(page, 'paste-preview');
    await page.getByRole('button', { name: 'Store the article', exact: true }).click();
    await page.getByRole('heading', { name: 'Ferry back in service' }).waitFor();
    assert.equal(await page.locator('#article-text mark').count(), 1);

    assert.deepEqual(consoleErrors, []);

    // --- a phone: the search page in one column.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    phone.setDefaultTimeout(20_000);
    const small = await phone.newPage();
    await small.goto(`${base}/#/search?query=children`);
    await small.locator('#results > li').first().waitFor();
    const width = await small.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling on a phone (page is ${width}px wide)`);
    await shot(small, 'phone-search');
  } finally {
    await browser.close();
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'quotewire-web-'));
mkdirSync(SHOTS, { recursive: true });
const { server, base } = await startServer(dir);
const deadline = setTimeout(() => {
  console.error(`the browser test took over ${TIMEOUT_MS / 1000} s`);
  server.kill('SIGTERM');
  process.exit(1);
}, TIMEOUT_MS);
let failed = false;
try {
  await run(base);
  console.log(`quote desk browser test passed; screenshots in ${SHOTS}`);
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  clearTimeout(deadline);
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
