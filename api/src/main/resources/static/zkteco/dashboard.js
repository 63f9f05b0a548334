// The /zkteco dashboard: plain script, no libraries. It polls the api's JSON routes every few seconds and sends the
// controls' requests with the session's CSRF token. Every answer that is not 2xx is a problem detail; its detail
// and per-field errors are shown where the request was made.
'use strict';

const REFRESH_MS = 5000;
const PULL_POLL_MS = 1000;
const RECONCILE_POLL_MS = 1000;
const SVG = 'http://www.w3.org/2000/svg';
const state = { csrf: null, admin: false, deadLetters: { page: 0 }, parked: { page: 0 }, syncLogs: { page: 0 }, employees: { page: 1 },
  transactions: { page: 1 }, reconcile: { page: 0, selected: null, following: null } };

// ---- talking to the api ----------------------------------------------------------------------------------------

class Problem extends Error {
  constructor(status, body) {
    super(body && (body.detail || body.title) || 'HTTP ' + status);
    this.status = status;
    this.title = body && body.title || 'HTTP ' + status;
    this.errors = body && Array.isArray(body.errors) ? body.errors : [];
  }
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && state.csrf) {
    headers[state.csrf.headerName] = state.csrf.token;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) {
    window.location.assign('/login'); // the session ended (timeout, sign-out elsewhere)
    throw new Problem(401, { detail: 'Signed out' });
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Problem(response.status, data);
  }
  return data;
}

function query(params) {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => { if (v !== '' && v !== null && v !== undefined) q.set(k, v); });
  const s = q.toString();
  return s ? '?' + s : '';
}

// ---- small DOM helpers -----------------------------------------------------------------------------------------

const $ = (selector, root = document) => root.querySelector(selector);

function setField(name, value, root = document) {
  root.querySelectorAll('[data-field="' + name + '"]').forEach(e => { e.textContent = value; });
}

function cell(row, value, className) {
  const td = row.insertCell();
  td.textContent = value === null || value === undefined ? '–' : String(value);
  if (className) td.className = className;
  return td;
}

function fillTable(table, rows, render, empty) {
  const body = table.tBodies[0];
  body.replaceChildren();
  if (rows.length === 0) {
    const td = body.insertRow().insertCell();
    td.colSpan = table.tHead.rows[0].cells.length;
    td.className = 'muted';
    td.textContent = empty;
  }
  rows.forEach(r => render(body.insertRow(), r));
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '–';
}

function ago(seconds) {
  if (seconds === null || seconds === undefined) return 'none pending';
  if (seconds < 90) return Math.round(seconds) + ' s';
  if (seconds < 5400) return Math.round(seconds / 60) + ' min';
  return (seconds / 3600).toFixed(1) + ' h';
}

function duration(iso) { // Java Duration: PT5M, PT1H, PT10S
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso || '');
  if (!m) return iso || '–';
  return [m[1] && m[1] + ' h', m[2] && m[2] + ' min', m[3] && m[3] + ' s'].filter(Boolean).join(' ');
}

function count(n, one, many) {
  return n + ' ' + (n === 1 ? one : many);
}

function badge(element, ok, text) {
  element.textContent = text;
  element.classList.toggle('ok', ok === true);
  element.classList.toggle('bad', ok === false);
}

/** Shows an outcome in an <output>: text, or a problem with each field's error. */
function show(output, outcome) {
  output.replaceChildren();
  output.classList.remove('ok', 'error', 'busy');
  if (outcome instanceof Problem) {
    output.classList.add('error');
    // with field errors the detail only repeats them: the title and the list say it once
    output.append(outcome.errors.length ? outcome.title + ':' : outcome.message);
    if (outcome.errors.length) {
      const list = document.createElement('ul');
      outcome.errors.forEach(e => {
        const li = document.createElement('li');
        li.textContent = e.field + ': ' + e.message;
        list.append(li);
      });
      output.append(list);
    }
  } else if (outcome instanceof Error) {
    output.classList.add('error');
    output.append(outcome.message);
  } else {
    output.classList.add(outcome.busy ? 'busy' : 'ok');
    output.append(outcome.text);
  }
}

function pager(container, page, totalPages, go) {
  container.replaceChildren();
  const prev = document.createElement('button');
  prev.type = 'button';
  prev.textContent = '‹ Newer';
  prev.disabled = page <= 0;
  prev.addEventListener('click', () => go(page - 1));
  const next = document.createElement('button');
  next.type = 'button';
  next.textContent = 'Older ›';
  next.disabled = page + 1 >= totalPages;
  next.addEventListener('click', () => go(page + 1));
  const label = document.createElement('span');
  label.textContent = 'page ' + (page + 1) + ' of ' + Math.max(1, totalPages);
  container.append(prev, label, next);
}

function formValues(form) {
  return Object.fromEntries(new FormData(form).entries());
}

function isoOrEmpty(localValue) { // <input type="datetime-local"> is the browser's local time
  return localValue ? new Date(localValue).toISOString() : '';
}

// ---- status and statistics (polled) ----------------------------------------------------------------------------

async function refreshOverview() {
  const o = await call('GET', '/zkteco/overview');
  const test = o.biotime && o.biotime.lastTest;
  badge($('[data-field="biotime-state"]'), test ? test.ok : null,
    !o.biotime ? 'unknown (database down)' : !test ? 'not tested yet' : test.ok ? 'Connected' : 'Problem');
  setField('biotime-checked', test ? when(test.checkedAt) : 'never');
  setField('biotime-latency', test && test.latencyMs !== null ? test.latencyMs + ' ms' : '–');
  setField('biotime-circuit', test && test.circuit ? test.circuit + ' (as the last test saw it)' : '–');
  setField('workers', o.biotime ? o.biotime.workersAlive : '–');
  const problems = $('[data-field="biotime-problems"]');
  problems.replaceChildren(...(test ? test.problems : []).map(p => {
    const li = document.createElement('li');
    li.textContent = p;
    return li;
  }));

  badge($('[data-field="database-state"]'), o.database.up, o.database.up ? 'Up' : 'Down');
  setField('database-latency', o.database.up ? o.database.latencyMs + ' ms' : '–');
  setField('database-error', o.database.error || '');
  const broker = o.broker.health;
  badge($('[data-field="broker-state"]'), broker.up, broker.up ? 'Up' : 'Down');
  setField('broker-latency', broker.up ? broker.latencyMs + ' ms' : '–');
  setField('broker-retrying', o.broker.retrying === null ? '–' : o.broker.retrying);
  setField('broker-error', broker.error || '');
  fillTable($('#queues'), o.broker.queues, (row, q) => {
    cell(row, q.kind);
    cell(row, q.queue, 'mono');
    cell(row, q.messages === null ? 'missing' : q.messages, 'num');
    cell(row, q.consumers, 'num');
    cell(row, (q.deadLetters === null ? 'missing' : q.deadLetters) + ' in ' + q.deadLetterQueue, 'mono');
  }, broker.up ? 'no queues' : 'RabbitMQ does not answer');

  if (o.rateBudget) {
    setField('budget-rate', o.rateBudget.perSecond + ' requests/s');
    setField('budget-use', o.rateBudget.secondsLeasedAhead > 0
      ? 'fully used: slots taken for the next ' + o.rateBudget.secondsLeasedAhead.toFixed(1) + ' s'
      : 'spare capacity');
    setField('budget-next', o.rateBudget.nextFreeSlot ? when(o.rateBudget.nextFreeSlot) : 'not used yet');
  }
  const s = o.statistics;
  if (s) {
    setField('dead-letters-pending', s.deadLettersPending);
    setField('people-synced', s.people.synced);
    setField('people-pending', s.people.pending);
    setField('people-failed', s.people.failed);
    setField('today-synced', s.entryLogsToday.synced);
    setField('today-pending', s.entryLogsToday.pending);
    setField('today-failed', s.entryLogsToday.failed);
    setField('today-since', 'since ' + when(s.dayStart) + ' (' + s.zone + ')');
    setField('total-synced', s.entryLogs.synced);
    setField('total-pending', s.entryLogs.pending);
    setField('total-failed', s.entryLogs.failed);
    setField('punches-pushed', s.punchesPushedToday);
    setField('punches-pulled', s.punchesPulledToday);
    setField('lag-entries', ago(s.entryLogLagSeconds));
    setField('lag-people', ago(s.personLagSeconds));
    $('#status-dead-letters').classList.toggle('attention', s.deadLettersPending > 0);
    setField('leaver-passes-today', s.leaverPassesToday);
    setField('people-left', s.peopleLeft);
    const passes = document.querySelector('[data-field="leaver-passes"]');
    passes.replaceChildren(...(s.leaverPasses || []).map(p => {
      const li = document.createElement('li');
      li.textContent = when(p.time) + ' ' + p.cnic + ' ' + p.name + (p.gate ? ' at ' + p.gate : '');
      return li;
    }));
    $('#status-leavers').classList.toggle('attention', s.leaverPassesToday > 0);
  }
  return o;
}

async function refreshJobs() {
  const status = await call('GET', '/zkteco/sync-status');
  const restored = status.arrivals && status.arrivals.restoreSuspected;
  const banner = $('#restore-banner');
  banner.hidden = !restored;
  setField('restore-why', restored ? 'The attendance pull has stopped: ' + restored + '. Nothing is imported until '
    + 'an admin re-reads BioTime below (docs/operations.md, "Attendance pull").' : '');
  fillTable($('#jobs'), status.jobs, (row, j) => {
    cell(row, j.name);
    cell(row, j.enabled ? 'yes' : 'no');
    cell(row, duration(j.interval));
    cell(row, j.runs, 'num');
    cell(row, when(j.lastStarted));
    cell(row, j.lastOutcome ? j.lastOutcome + (j.lastMessage ? ': ' + j.lastMessage : '') : 'not run yet',
      j.lastOutcome === 'FAILED' ? 'error' : '');
    cell(row, j.lastItems, 'num');
    cell(row, j.enabled ? when(j.nextDue) : 'off');
  }, 'no jobs');
  setField('complete-up-to', status.completeUpTo ? when(status.completeUpTo) : 'not yet (no periodic pull ran)');
  fillTable($('#terminals'), status.terminals || [], (row, t) => {
    row.classList.toggle('attention', t.silent);
    cell(row, t.sn, 'mono');
    cell(row, t.alias);
    cell(row, t.area);
    cell(row, t.lastActivity ? when(t.lastActivity) : 'never');
    cell(row, t.silent ? 'SILENT' : 'reporting', t.silent ? 'error' : '');
  }, 'no terminals read from BioTime yet');
}

// ---- controls --------------------------------------------------------------------------------------------------

/** A control form: on submit, disables its button, sends, and shows the answer in its <output>. */
function control(id, send) {
  const form = document.getElementById(id);
  const output = $('output', form);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const button = $('button[type="submit"]', form);
    button.disabled = true;
    show(output, { busy: true, text: 'Working…' });
    try {
      show(output, { text: await send(formValues(form), output, form) });
    } catch (e) {
      show(output, e);
    } finally {
      button.disabled = false;
    }
  });
}

function wireControls() {
  control('control-test-connection', async () => {
    const r = await call('POST', '/zkteco/test-connection');
    refreshOverview().catch(() => {});
    return (r.ok ? 'Connected' : 'Connected with problems') + ' in ' + r.latencyMs + ' ms; circuit ' + r.circuit
      + (r.problems.length ? '. Problems: ' + r.problems.join('; ') : '.');
  });
  control('control-sync-all-people', async values => {
    const r = await call('POST', '/zkteco/sync-all-people', { onlyUnsynced: values.onlyUnsynced === 'on' });
    return 'Queued ' + count(r.queued, 'person', 'people')
      + '. Statistics → People → Not yet counts those BioTime still lacks.';
  });
  control('control-sync-person', async values => {
    await call('POST', '/zkteco/sync-person', { cnic: values.cnic });
    return 'Queued the sync of ' + values.cnic + '. See its rows under Browse → Sync logs (filter by CNIC).';
  });
  control('control-sync-unsynced-entries', async () => {
    const r = await call('POST', '/zkteco/sync-unsynced-entries');
    return 'Queued ' + count(r.queued, 'entry log', 'entry logs') + '.';
  });
  control('control-manual-entry-sync', async values => {
    const body = {};
    if (values.cnic) body.cnic = values.cnic;
    if (values.entryLogId) body.entryLogId = Number(values.entryLogId);
    const r = await call('POST', '/zkteco/manual-entry-sync', body);
    return 'Queued ' + count(r.queued, 'entry log', 'entry logs') + '.';
  });
  control('control-pull-attendance', async (values, output, form) => {
    const body = { from: values.from, to: values.to };
    if (values.chunkMinutes) body.chunkMinutes = Number(values.chunkMinutes);
    const started = await call('POST', '/zkteco/pull-attendance', body);
    return followPull(started, output, $('progress', form));
  });
}

/** Polls a pull run until it is done or failed, showing its chunks as progress. */
async function followPull(started, output, progress) {
  progress.hidden = false;
  progress.max = started.chunksTotal;
  for (;;) {
    const run = await call('GET', started.statusUrl || '/zkteco/pull-attendance/' + started.runId);
    progress.value = run.chunksDone;
    const text = 'Run ' + run.runId + ': ' + run.chunksDone + ' of ' + run.chunksTotal + ' chunks, '
      + run.punchesSeen + ' punches seen, ' + run.punchesImported + ' imported';
    if (run.status !== 'RUNNING') {
      return text + ' – ' + run.status + (run.chunksFailed ? ' (' + run.chunksFailed + ' chunks failed)' : '') + '.';
    }
    show(output, { busy: true, text: text + '…' });
    await new Promise(resolve => setTimeout(resolve, PULL_POLL_MS));
  }
}

// ---- dead letters ----------------------------------------------------------------------------------------------

function deadLetterFilter() {
  const v = formValues($('#dead-letter-filter'));
  return { kind: v.kind, reason: v.reason, status: v.status, target: v.target.trim() };
}

async function refreshDeadLetters() {
  const f = deadLetterFilter();
  const list = await call('GET', '/zkteco/dead-letters' + query({ ...f, page: state.deadLetters.page, size: 20 }));
  const counts = Object.entries(list.countsByReason || {}).map(([r, n]) => r + ' ' + n).join(', ');
  $('#dead-letter-summary').textContent = list.total + ' matching' + (counts ? ' (' + counts + ')' : '');
  fillTable($('#dead-letter-table'), list.content, (row, d) => {
    row.dataset.id = d.id;
    cell(row, d.id, 'num');
    cell(row, d.kind);
    cell(row, d.target, 'mono');
    cell(row, d.reason);
    cell(row, d.lastError, 'message');
    cell(row, d.attempts, 'num');
    cell(row, when(d.lastFailure));
    cell(row, d.status + (d.replayedBy ? ' by ' + d.replayedBy : ''));
    const actions = row.insertCell();
    if (d.status === 'DEAD' && state.admin) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'replay-one';
      button.textContent = 'Replay';
      button.addEventListener('click', () => replay({ id: d.id }, 'dead letter ' + d.id));
      actions.append(button);
    }
  }, 'No dead letters match.');
  pager($('#dead-letter-pager'), list.page, list.totalPages, page => {
    state.deadLetters.page = page;
    refreshDeadLetters().catch(showPageError);
  });
}

async function replay(selector, what) {
  const output = $('#dead-letter-result');
  show(output, { busy: true, text: 'Replaying ' + what + '…' });
  try {
    const r = await call('POST', '/zkteco/dead-letters/replay', selector);
    show(output, { text: 'Replayed ' + r.replayed + ' (' + what + ')' + (r.ids.length ? ': ids ' + r.ids.join(', ') : '') + '.' });
  } catch (e) {
    show(output, e);
  }
  refreshDeadLetters().catch(showPageError);
  refreshOverview().catch(() => {});
}

function wireDeadLetters() {
  $('#dead-letter-filter').addEventListener('submit', event => {
    event.preventDefault();
    state.deadLetters.page = 0;
    refreshDeadLetters().catch(showPageError);
  });
  $('#btn-replay-filtered').addEventListener('click', () => {
    const f = deadLetterFilter();
    const selector = {};
    if (f.kind) selector.kind = f.kind;
    if (f.reason) selector.reason = f.reason;
    if (!selector.kind && !selector.reason) {
      show($('#dead-letter-result'), new Error('Choose a kind or a reason to replay by (or use Replay all).'));
      return;
    }
    replay(selector, 'filtered: ' + Object.values(selector).join(', '));
  });
  $('#btn-replay-all').addEventListener('click', () => {
    if (window.confirm('Send every dead letter back to work?')) replay({ all: true }, 'all');
  });
}

// ---- parked punches ---------------------------------------------------------------------------------------------

async function refreshParked() {
  const reason = formValues($('#parked-filter')).reason;
  const list = await call('GET', '/zkteco/parked' + query({ reason, page: state.parked.page, size: 20 }));
  setField('parked-total', list.total);
  $('#status-parked').classList.toggle('attention', list.total > 0);
  const counts = Object.entries(list.countsByReason || {}).filter(([, n]) => n > 0).map(([r, n]) => r + ' ' + n)
    .join(', ');
  $('#parked-summary').textContent = list.totalElements + ' matching' + (counts ? ' (' + counts + ')' : '')
    + '; a retry happens ' + list.retryNote + '.';
  fillTable($('#parked-table'), list.content, (row, p) => {
    cell(row, p.transactionId, 'num');
    cell(row, p.empCode, 'mono');
    cell(row, p.punchTime, 'mono');
    cell(row, p.punchState);
    cell(row, p.terminalSn, 'mono');
    cell(row, p.reason);
    cell(row, p.message, 'message');
    cell(row, p.tries, 'num');
    cell(row, when(p.triedAt) + (p.retryRequested ? ' (retry asked)' : ''));
    const actions = row.insertCell();
    if (state.admin && !p.retryRequested) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'retry-one';
      button.textContent = 'Retry';
      button.addEventListener('click', () => retryParked({ ids: [p.transactionId] }, 'punch ' + p.transactionId));
      actions.append(button);
    }
  }, 'No parked punches match.');
  pager($('#parked-pager'), list.page, list.totalPages, page => {
    state.parked.page = page;
    refreshParked().catch(showPageError);
  });
}

async function retryParked(selector, what) {
  const output = $('#parked-result');
  show(output, { busy: true, text: 'Asking a retry of ' + what + '…' });
  try {
    const r = await call('POST', '/zkteco/parked/retry', selector);
    show(output, { text: count(r.requested, 'punch', 'punches') + ' (' + what + ') will be retried ' + r.when + '.' });
  } catch (e) {
    show(output, e);
  }
  refreshParked().catch(showPageError);
}

function wireReread() {
  const form = $('#reread-form');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const output = $('output', form);
    show(output, { busy: true, text: 'Starting the re-read…' });
    try {
      const started = await call('POST', '/zkteco/pull-attendance/reread', { from: formValues(form).from });
      show(output, { text: await followPull(started, output, $('progress', form)) });
      refreshJobs().catch(() => {});
    } catch (e) {
      show(output, e);
    }
  });
}

function wireParked() {
  $('#parked-filter').addEventListener('submit', event => {
    event.preventDefault();
    state.parked.page = 0;
    refreshParked().catch(showPageError);
  });
  $('#btn-retry-parked-filtered').addEventListener('click', () => {
    const reason = formValues($('#parked-filter')).reason;
    if (!reason) {
      show($('#parked-result'), new Error('Choose a reason to retry by (or use Retry all).'));
      return;
    }
    retryParked({ reason }, reason);
  });
  $('#btn-retry-parked-all').addEventListener('click', () => retryParked({ all: true }, 'all'));
}

// ---- reconciliation ---------------------------------------------------------------------------------------------

/** What a run healed and left, summed over its days and its employees. */
function reconcileTotals(run) {
  const t = { pushed: 0, imported: 0, parked: 0, unresolved: run.employees ? run.employees.unresolved : 0,
    resynced: run.employees ? run.employees.resynced + run.employees.resigned : 0, daysDone: 0 };
  run.days.forEach(d => {
    t.pushed += d.pushed;
    t.imported += d.imported;
    t.parked += d.parked;
    t.unresolved += d.unresolved;
    if (d.status === 'DONE') t.daysDone++;
  });
  return t;
}

function reconcileDays(run) {
  return run.from === run.to ? run.from : run.from + ' – ' + run.to;
}

function reconcileHealed(t) {
  return 'pushed ' + t.pushed + ', imported ' + t.imported + ', parked ' + t.parked + ', employees ' + t.resynced;
}

function reconcileStatus(run, t) {
  return run.status === 'RUNNING' ? 'RUNNING (' + t.daysDone + ' of ' + count(run.days.length, 'day', 'days') + ')'
    : run.status;
}

async function refreshReconcile() {
  const list = await call('GET', '/zkteco/reconcile' + query({ page: state.reconcile.page, size: 10 }));
  if (list.page === 0) { // the newest runs: the card shows the last finished one, as gatesync_reconcile_unresolved does
    const last = list.content.find(r => r.status !== 'RUNNING');
    const unresolved = last ? reconcileTotals(last).unresolved : null;
    setField('reconcile-unresolved', last ? count(unresolved, 'unresolved', 'unresolved') : '–');
    setField('reconcile-last', last ? 'run ' + last.runId + ' (' + reconcileDays(last) + ') ' + last.status
      + (last.finishedAt ? ' at ' + when(last.finishedAt) : '') : 'no run finished yet');
    $('#status-reconcile').classList.toggle('attention', Boolean(last) && (unresolved > 0 || last.status === 'FAILED'));
  }
  fillTable($('#reconcile-runs'), list.content, (row, r) => {
    const t = reconcileTotals(r);
    row.dataset.runId = r.runId;
    row.classList.toggle('selected', r.runId === state.reconcile.selected);
    if (r.runId === state.reconcile.selected) row.setAttribute('aria-current', 'true');
    cell(row, r.runId, 'num');
    cell(row, reconcileDays(r), 'mono');
    cell(row, reconcileStatus(r, t), r.status === 'FAILED' ? 'error' : '');
    cell(row, r.requestedBy);
    cell(row, when(r.createdAt));
    cell(row, r.finishedAt ? when(r.finishedAt) : '–');
    cell(row, reconcileHealed(t));
    cell(row, t.unresolved, t.unresolved > 0 ? 'num error' : 'num');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'show-report';
    button.textContent = 'Report';
    button.setAttribute('aria-label', 'Show the report of run ' + r.runId);
    button.addEventListener('click', () => {
      followReport(r.runId).catch(showPageError);
      $('#reconcile-report').scrollIntoView();
    });
    row.insertCell().append(button);
  }, 'No reconciliation has run yet.');
  pager($('#reconcile-pager'), list.page, list.totalPages, page => {
    state.reconcile.page = page;
    refreshReconcile().catch(showPageError);
  });
  // the newest run's report when none is chosen; a chosen run that is RUNNING again (a reload) is followed
  const chosen = state.reconcile.selected === null ? list.content[0]
    : list.content.find(r => r.runId === state.reconcile.selected);
  if (chosen && state.reconcile.following !== chosen.runId
      && (state.reconcile.selected === null || chosen.status === 'RUNNING')) {
    followReport(chosen.runId).catch(showPageError);
  }
}

/**
 * Shows a run's report and, while it is RUNNING, reads it again every second; stops when it ends or another run is
 * chosen. Returns the last report read (null if another run was chosen meanwhile).
 */
async function followReport(runId) {
  state.reconcile.selected = runId;
  state.reconcile.following = runId;
  document.querySelectorAll('#reconcile-runs tr[data-run-id]').forEach(row => {
    const chosen = Number(row.dataset.runId) === runId;
    row.classList.toggle('selected', chosen);
    if (chosen) row.setAttribute('aria-current', 'true'); else row.removeAttribute('aria-current');
  });
  try {
    for (;;) {
      const run = await call('GET', '/zkteco/reconcile/' + runId);
      if (state.reconcile.selected !== runId) return null;
      renderReport(run);
      if (run.status !== 'RUNNING') return run;
      await new Promise(resolve => setTimeout(resolve, RECONCILE_POLL_MS));
      if (state.reconcile.selected !== runId) return null;
    }
  } finally {
    if (state.reconcile.following === runId) state.reconcile.following = null;
  }
}

function renderReport(run) {
  const report = $('#reconcile-report');
  const t = reconcileTotals(run);
  report.hidden = false;
  report.dataset.runId = run.runId;
  report.dataset.status = run.status;
  setField('report-title', 'Run ' + run.runId + ': ' + reconcileDays(run) + ', ' + reconcileStatus(run, t), report);
  setField('report-who', 'Requested by ' + run.requestedBy + ' at ' + when(run.createdAt)
    + (run.finishedAt ? '; finished at ' + when(run.finishedAt) : '') + '.', report);
  setField('report-error', run.error ? 'Failed: ' + run.error : '', report);
  const scale = Math.max(1, ...run.days.map(d => Math.max(d.biotime, d.gatesync,
    d.matched + d.pushed + d.imported + d.parked + d.unresolved)));
  fillTable($('#reconcile-days'), run.days, (row, d) => {
    row.dataset.date = d.date;
    row.classList.toggle('attention', d.unresolved > 0);
    cell(row, d.date, 'mono');
    cell(row, d.status);
    ['biotime', 'gatesync', 'matched', 'pushed', 'imported', 'parked', 'unresolved'].forEach(f => {
      cell(row, d[f], 'num').dataset.count = f;
    });
    row.insertCell().append(dayChart(d, scale));
  }, 'No days.');
  const e = run.employees;
  setField('report-employees', e ? count(e.checked, 'person', 'people') + ' checked, ' + e.resynced
    + ' synced again, ' + e.resigned + ' resigned, ' + e.unresolved + ' unresolved (' + e.status.toLowerCase() + ')'
    : '–', report);
  setField('report-unresolved-note', t.unresolved > run.unresolved.length
    ? 'The first ' + run.unresolved.length + ' of ' + t.unresolved + ' are listed.' : '', report);
  fillTable($('#reconcile-unresolved'), run.unresolved, (row, u) => {
    cell(row, u.date || 'employee', 'mono');
    cell(row, u.ref, 'mono');
    cell(row, u.reason, 'message');
  }, run.status === 'RUNNING' ? 'Nothing unresolved so far.' : 'Nothing unresolved.');
}

/**
 * A day as three bars on one scale (the run's largest day): the punches BioTime held, those GateSync held, and
 * what became of every punch on either side (matched, pushed, imported, parked, unresolved). The numbers are in
 * the row's cells; the chart says them again to a screen reader.
 */
function dayChart(d, scale) {
  const width = 200;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'chart');
  svg.setAttribute('viewBox', '0 0 ' + (width + 12) + ' 36');
  svg.setAttribute('width', String(width + 12));
  svg.setAttribute('height', '36');
  svg.setAttribute('role', 'img');
  const parts = ['matched', 'pushed', 'imported', 'parked', 'unresolved'];
  const label = d.date + ': BioTime held ' + d.biotime + ', GateSync held ' + d.gatesync + '; '
    + parts.map(p => p + ' ' + d[p]).join(', ');
  svg.setAttribute('aria-label', label);
  const bar = (className, x, y, height, value, title) => {
    const w = value > 0 ? Math.max(2, value / scale * width) : 0; // a difference of 1 in 100,000 stays visible
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('class', className);
    rect.setAttribute('x', x.toFixed(1));
    rect.setAttribute('y', String(y));
    rect.setAttribute('width', w.toFixed(1));
    rect.setAttribute('height', String(height));
    const tip = document.createElementNS(SVG, 'title');
    tip.textContent = title + ': ' + value;
    rect.append(tip);
    svg.append(rect);
    return w;
  };
  bar('biotime', 0, 0, 8, d.biotime, 'BioTime held');
  bar('gatesync', 0, 10, 8, d.gatesync, 'GateSync held');
  let x = 0;
  parts.forEach(p => { x += bar(p, x, 21, 14, d[p], p); });
  return svg;
}

function reconcileFieldErrors(form, errors) {
  form.querySelectorAll('.field-error').forEach(slot => { slot.textContent = ''; });
  form.querySelectorAll('input').forEach(i => { i.classList.remove('invalid'); i.removeAttribute('aria-invalid'); });
  errors.forEach(err => {
    const slot = form.querySelector('[data-error-for="' + err.field + '"]');
    const input = form.querySelector('input[name="' + err.field + '"]');
    if (slot) slot.textContent = err.message;
    if (input) {
      input.classList.add('invalid');
      input.setAttribute('aria-invalid', 'true');
    }
  });
}

function wireReconcile() {
  const form = $('#reconcile-form');
  const output = $('#reconcile-result');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const button = $('button[type="submit"]', form);
    const values = formValues(form);
    const body = {};
    if (values.from) body.from = values.from;
    if (values.to) body.to = values.to;
    button.disabled = true;
    reconcileFieldErrors(form, []);
    show(output, { busy: true, text: 'Starting…' });
    try {
      const started = await call('POST', '/zkteco/reconcile', body);
      const days = reconcileDays(started);
      show(output, { busy: true, text: 'Run ' + started.runId + ' (' + days + ') started…' });
      refreshReconcile().catch(() => {});
      const run = await followReport(started.runId);
      if (run === null) {
        show(output, { text: 'Run ' + started.runId + ' (' + days + ') started; its report is in the list.' });
      } else {
        const t = reconcileTotals(run);
        show(output, run.status === 'FAILED' ? new Error('Run ' + run.runId + ' (' + days + ') failed: ' + run.error)
          : { text: 'Run ' + run.runId + ' (' + days + ') ' + run.status + ': ' + reconcileHealed(t) + '; '
            + t.unresolved + ' unresolved.' });
      }
      refreshReconcile().catch(() => {});
    } catch (e) {
      show(output, e);
      reconcileFieldErrors(form, e.errors || []);
    } finally {
      button.disabled = false;
    }
  });
}

// ---- settings --------------------------------------------------------------------------------------------------

async function loadSettings(view) {
  const settings = view || await call('GET', '/zkteco/settings');
  fillTable($('#settings-table'), settings.settings, (row, s) => {
    row.dataset.key = s.key;
    cell(row, s.key).title = s.variable;
    const input = document.createElement('input');
    input.name = s.key;
    input.value = s.value;
    input.dataset.original = s.value;
    input.disabled = !state.admin;
    const error = document.createElement('span');
    error.className = 'field-error';
    error.dataset.errorFor = s.key;
    row.insertCell().append(input, error);
    cell(row, s.allowed, 'muted');
    cell(row, s.overridden ? 'dashboard' : s.variable + ' (environment)');
  }, 'no settings');
  fillTable($('#settings-history'), settings.history, (row, c) => {
    cell(row, when(c.changedAt));
    cell(row, c.changedBy);
    cell(row, c.key);
    cell(row, c.oldValue);
    cell(row, c.newValue);
  }, 'No changes yet.');
}

function wireSettings() {
  $('#settings-form').addEventListener('submit', async event => {
    event.preventDefault();
    const output = $('#settings-result');
    const changes = {};
    document.querySelectorAll('#settings-table input').forEach(i => {
      if (i.value !== i.dataset.original) changes[i.name] = i.value.trim();
    });
    document.querySelectorAll('#settings-table .field-error').forEach(e => { e.textContent = ''; });
    document.querySelectorAll('#settings-table input').forEach(i => i.classList.remove('invalid'));
    if (Object.keys(changes).length === 0) {
      show(output, new Error('Nothing changed.'));
      return;
    }
    try {
      const view = await call('PUT', '/zkteco/settings', changes);
      await loadSettings(view);
      show(output, { text: 'Saved: ' + Object.entries(changes).map(([k, v]) => k + ' = ' + v).join(', ') + '.' });
      refreshJobs().catch(() => {});
    } catch (e) {
      show(output, e);
      (e.errors || []).forEach(err => {
        const slot = document.querySelector('#settings-table [data-error-for="' + err.field + '"]');
        if (slot) {
          slot.textContent = err.message;
          document.querySelector('#settings-table input[name="' + err.field + '"]').classList.add('invalid');
        }
      });
    }
  });
}

// ---- browse: sync logs, BioTime employees and transactions -----------------------------------------------------

async function refreshSyncLogs() {
  const v = formValues($('#sync-log-filter'));
  const params = { kind: v.kind, outcome: v.outcome, cnic: v.cnic.trim(), from: isoOrEmpty(v.from),
    to: isoOrEmpty(v.to), page: state.syncLogs.page, size: 25 };
  let page;
  try {
    page = await call('GET', '/zkteco/sync-logs' + query(params));
    $('#sync-log-result').replaceChildren();
    $('#sync-log-result').className = 'result';
  } catch (e) {
    show($('#sync-log-result'), e);
    return;
  }
  fillTable($('#sync-log-table'), page.content, (row, l) => {
    cell(row, when(l.createdAt));
    cell(row, l.kind);
    cell(row, l.target, 'mono');
    cell(row, l.outcome, l.outcome === 'FAILED' ? 'error' : '');
    cell(row, l.message, 'message');
    cell(row, l.attempt, 'num');
    cell(row, l.durationMs, 'num');
    cell(row, l.node);
  }, 'No sync logs match.');
  pager($('#sync-log-pager'), page.page, page.totalPages, p => {
    state.syncLogs.page = p;
    refreshSyncLogs().catch(showPageError);
  });
}

/** BioTime pages count from 1 and say how many rows there are in all. */
function bioTimePager(container, page, size, count, go) {
  pager(container, page - 1, Math.ceil(count / size), p => go(p + 1));
}

async function loadEmployees() {
  const output = $('#employee-result');
  show(output, { busy: true, text: 'Asking BioTime…' });
  try {
    const r = await call('GET', '/zkteco/employees' + query({ page: state.employees.page, size: 25 }));
    show(output, { text: count(r.count, 'employee', 'employees') + ' in BioTime.' });
    fillTable($('#employee-table'), r.items, (row, e) => {
      cell(row, e.id, 'num');
      cell(row, e.empCode, 'mono');
      cell(row, e.firstName);
      cell(row, e.lastName);
      cell(row, e.mobile);
      cell(row, e.email);
    }, 'No employees.');
    bioTimePager($('#employee-pager'), r.page, r.size, r.count, p => { state.employees.page = p; loadEmployees(); });
  } catch (e) {
    show(output, e);
  }
}

async function loadTransactions() {
  const output = $('#transaction-result');
  const v = formValues($('#transaction-form'));
  show(output, { busy: true, text: 'Asking BioTime…' });
  try {
    const r = await call('GET', '/zkteco/transactions' + query({ from: isoOrEmpty(v.from), to: isoOrEmpty(v.to),
      cnic: v.cnic.trim(), page: state.transactions.page, size: 25 }));
    show(output, { text: count(r.count, 'punch', 'punches') + ' in that time.' });
    fillTable($('#transaction-table'), r.items, (row, t) => {
      cell(row, t.id, 'num');
      cell(row, t.empCode, 'mono');
      cell(row, t.punchTime);
      cell(row, { 0: 'check-in', 1: 'check-out' }[t.punchState] || 'state ' + t.punchState);
      cell(row, t.terminalSn, 'mono');
    }, 'No punches.');
    bioTimePager($('#transaction-pager'), r.page, r.size, r.count, p => {
      state.transactions.page = p;
      loadTransactions();
    });
  } catch (e) {
    show(output, e);
  }
}

function wireBrowse() {
  $('#sync-log-filter').addEventListener('submit', event => {
    event.preventDefault();
    state.syncLogs.page = 0;
    refreshSyncLogs().catch(showPageError);
  });
  $('#employee-form').addEventListener('submit', event => {
    event.preventDefault();
    state.employees.page = 1;
    loadEmployees();
  });
  $('#transaction-form').addEventListener('submit', event => {
    event.preventDefault();
    state.transactions.page = 1;
    loadTransactions();
  });
}

// ---- start and refresh -----------------------------------------------------------------------------------------

function showPageError(e) {
  const banner = $('#page-error');
  banner.hidden = !e;
  banner.textContent = e ? 'Could not refresh: ' + e.message : '';
}

async function refresh() {
  try {
    await Promise.all([refreshOverview(), refreshJobs(), refreshDeadLetters(), refreshParked(), refreshReconcile(),
      refreshSyncLogs()]);
    showPageError(null);
    $('#refreshed').textContent = 'updated ' + new Date().toLocaleTimeString();
  } catch (e) {
    showPageError(e);
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

async function start() {
  const [me, csrf] = await Promise.all([call('GET', '/zkteco/me'), call('GET', '/zkteco/csrf')]);
  state.csrf = csrf;
  state.admin = me.role === 'ADMIN';
  $('#logout-csrf').name = csrf.parameterName;
  $('#logout-csrf').value = csrf.token;
  $('#signed-in').textContent = me.username + ' (' + me.role.toLowerCase() + ')';
  document.body.classList.toggle('viewer', !state.admin);
  $('#read-only').hidden = state.admin;
  wireControls();
  wireDeadLetters();
  wireParked();
  wireReread();
  wireReconcile();
  wireSettings();
  wireBrowse();
  await loadSettings();
  refresh();
}

document.addEventListener('DOMContentLoaded', () => start().catch(showPageError));
