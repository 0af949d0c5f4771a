// Wires the console together: session → communities → device list + live stream → views.
import './styles.css';
import * as api from './api.js';
import { bindLoginForm, currentUser, showLoginError, signOut } from './auth.js';
import { createAlertsPanel } from './alerts.js';
import { createCharts } from './charts.js';
import { countByType, filterDevices, mergeDevice } from './devices.js';
import { createDevicesTable } from './devices-table.js';
import { byId, h } from './dom.js';
import { DEVICE_TYPES, compareTypes, typeLabel } from './format.js';
import { MessageRate } from './rate.js';
import { DeviceStream } from './stream.js';

const STREAM_LABELS = {
  connecting: 'connecting 连接中',
  live: 'live 实时',
  reconnecting: 'reconnecting 重连中',
  stopped: 'offline 未连接',
};

const ui = {
  boot: byId('boot'),
  loginView: byId('login-view'),
  loginForm: byId('login-form'),
  loginError: byId('login-error'),
  consoleView: byId('console-view'),
  consoleError: byId('console-error'),
  communitySelect: byId('community-select'),
  communityName: byId('community-name'),
  communityAddress: byId('community-address'),
  streamStatus: byId('stream-status'),
  userName: byId('user-name'),
  filterText: byId('filter-text'),
  filterType: byId('filter-type'),
  deviceCount: byId('device-count'),
  deviceTotal: byId('device-total'),
  kpiTotal: byId('kpi-total'),
  kpiOnline: byId('kpi-online'),
  kpiOffline: byId('kpi-offline'),
  kpiMessages: byId('kpi-messages'),
};

const state = {
  communities: [],
  communityId: null,
  devices: new Map(),
  stream: null,
  rate: new MessageRate(),
  typesKey: '',
};

const table = createDevicesTable(byId('devices-body'), byId('devices-empty'));
const ALERTS_REFRESH_MS = 5000;
const alertsPanel = createAlertsPanel(byId('alerts-body'), byId('alerts-empty'), byId('alert-count'), handleAlert);
let alertsLoadedAt = 0;
let charts = null;

function boot() {
  bindLoginForm(ui.loginForm, ui.loginError, enterConsole);
  byId('logout').addEventListener('click', logout);
  ui.communitySelect.addEventListener('change', () => selectCommunity(ui.communitySelect.value));
  window.addEventListener('hashchange', () => {
    const id = communityFromHash();
    if (id && state.communities.some((c) => c.id === id)) selectCommunity(id);
  });
  ui.filterText.addEventListener('input', renderDevices);
  ui.filterType.addEventListener('change', renderDevices);
  setInterval(tick, 1000);

  currentUser()
    .then((user) => (user ? enterConsole(user) : showLogin()))
    .catch((e) => showLogin(e.message));
}

function showLogin(message = null) {
  ui.boot.hidden = true;
  ui.consoleView.hidden = true;
  ui.loginView.hidden = false;
  showLoginError(ui.loginError, message);
  ui.loginForm.elements.username.focus();
}

async function enterConsole(user) {
  ui.boot.hidden = true;
  ui.loginView.hidden = true;
  ui.consoleView.hidden = false;
  ui.userName.textContent = user.displayName || user.username;
  ui.userName.title = `${user.username} · ${(user.roles ?? []).join(', ')}`;
  // Charts need a laid-out container, so they are created once the console is visible.
  charts ??= createCharts(byId('chart-types'), byId('chart-rate'));
  try {
    state.communities = await api.communities();
  } catch (e) {
    return failed(e);
  }
  renderCommunityChoice();
  const wanted = communityFromHash();
  const first = state.communities.find((c) => c.id === wanted) ?? state.communities[0];
  if (first) selectCommunity(first.id);
  else showConsoleError('No community is assigned to this account. 该账号未分配小区。');
}

function leaveConsole() {
  state.stream?.stop();
  state.stream = null;
  state.communityId = null;
  state.communities = [];
  state.devices.clear();
  state.rate.clear();
  showConsoleError(null);
  renderDevices();
}

async function logout() {
  await signOut();
  leaveConsole();
  showLogin();
}

function sessionExpired() {
  leaveConsole();
  showLogin('Your session has ended; please sign in again. 会话已过期，请重新登录。');
}

function failed(error) {
  if (error.unauthorized) sessionExpired();
  else showConsoleError(error.message);
}

function showConsoleError(message) {
  ui.consoleError.textContent = message ?? '';
  ui.consoleError.hidden = !message;
}

function communityFromHash() {
  const match = /^#\/communities\/([^/]+)/.exec(location.hash);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

function renderCommunityChoice() {
  const many = state.communities.length > 1;
  ui.communitySelect.hidden = !many;
  ui.communityName.hidden = many;
  ui.communitySelect.replaceChildren(...state.communities.map((c) => h('option', { value: c.id }, c.name || c.id)));
}

function selectCommunity(id) {
  if (id === state.communityId) return;
  const community = state.communities.find((c) => c.id === id);
  state.stream?.stop();
  state.communityId = id;
  state.devices.clear();
  state.rate.clear();
  showConsoleError(null);
  renderDevices();

  ui.communitySelect.value = id;
  ui.communityName.textContent = community?.name ?? id;
  ui.communityAddress.textContent = community?.address ?? '';
  const hash = `#/communities/${encodeURIComponent(id)}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);

  // Stream and list start together; mergeDevice drops whichever snapshot is older.
  state.stream = new DeviceStream(id, {
    onDevice: (device) => deviceEvent(id, device),
    onState: showStreamState,
    onResync: () => loadDevices(id),
    onUnauthorized: sessionExpired,
  });
  state.stream.start();
  loadDevices(id);
  loadAlerts(id);
}

// Alerts are refreshed every few seconds; users who may not see alerts (residents) get an empty panel.
async function loadAlerts(id) {
  alertsLoadedAt = Date.now();
  try {
    const page = await api.openAlerts(id);
    if (state.communityId === id) alertsPanel.render(page.items ?? [], Date.now());
  } catch (e) {
    if (state.communityId !== id) return;
    if (e.unauthorized) return sessionExpired();
    alertsPanel.render([], Date.now());
  }
}

async function handleAlert(action, alertId) {
  try {
    await (action === 'acknowledge' ? api.acknowledgeAlert(alertId) : api.resolveAlert(alertId));
  } catch (e) {
    showConsoleError(e.message);
  }
  if (state.communityId) loadAlerts(state.communityId);
}

async function loadDevices(id) {
  try {
    const body = await api.devices(id);
    if (state.communityId !== id) return;
    for (const device of body.devices ?? []) apply(device);
    renderDevices();
  } catch (e) {
    if (state.communityId === id) failed(e);
  }
}

function apply(device) {
  const { device: merged, change } = mergeDevice(state.devices.get(device.id), device);
  if (change !== 'stale') state.devices.set(merged.id, merged);
  return { merged, change };
}

function deviceEvent(communityId, device) {
  if (state.communityId !== communityId) return;
  state.rate.record(Date.now());
  scheduleCharts();
  const { merged, change } = apply(device);
  if (change === 'stale') return;
  // A changed row is swapped in place (keeps scroll and focus); only a new device, or one
  // that moved in or out of the filter, needs the whole body rebuilt.
  const visible = filterDevices([merged], currentFilter()).length === 1;
  if (change === 'updated' && visible && table.replace(merged, Date.now())) {
    renderSummary();
    return;
  }
  renderDevices();
  if (visible) table.flash(merged.id);
}

function currentFilter() {
  return { text: ui.filterText.value, type: ui.filterType.value };
}

function renderDevices() {
  const all = [...state.devices.values()];
  renderTypeOptions(all);
  const shown = filterDevices(all, currentFilter());
  table.render(shown, Date.now());
  ui.deviceCount.textContent = String(shown.length);
  renderSummary();
}

function renderSummary() {
  const all = [...state.devices.values()];
  const online = all.filter((d) => d.online).length;
  ui.deviceTotal.textContent = String(all.length);
  ui.kpiTotal.textContent = String(all.length);
  ui.kpiOnline.textContent = String(online);
  ui.kpiOffline.textContent = String(all.length - online);
  scheduleCharts();
}

// Lists every known type plus any unknown one a device reports, keeping the user's choice.
function renderTypeOptions(devices) {
  const types = new Set([...Object.keys(DEVICE_TYPES), ...devices.map((d) => d.type)]);
  const key = [...types].join('|');
  if (key === state.typesKey) return;
  state.typesKey = key;
  const chosen = ui.filterType.value;
  const options = [...types].sort(compareTypes).map((t) => {
    const label = typeLabel(t);
    return h('option', { value: t }, label.zh ? `${label.en} ${label.zh}` : label.en);
  });
  ui.filterType.replaceChildren(h('option', { value: '' }, 'All types 全部类型'), ...options);
  ui.filterType.value = types.has(chosen) ? chosen : '';
}

function showStreamState(streamState) {
  ui.streamStatus.textContent = STREAM_LABELS[streamState] ?? streamState;
  ui.streamStatus.dataset.state = streamState;
}

function tick() {
  if (ui.consoleView.hidden) return;
  table.tick(Date.now());
  renderCharts();
  if (state.communityId && Date.now() - alertsLoadedAt >= ALERTS_REFRESH_MS) loadAlerts(state.communityId);
}

// Bursts of stream events redraw the charts at most once per frame, not once per event.
let chartsFrame = 0;
function scheduleCharts() {
  chartsFrame ||= requestAnimationFrame(renderCharts);
}

function renderCharts() {
  cancelAnimationFrame(chartsFrame);
  chartsFrame = 0;
  const series = state.rate.series(Date.now());
  ui.kpiMessages.textContent = String(series.reduce((sum, [, n]) => sum + n, 0));
  charts?.updateRate(series);
  charts?.updateTypes(countByType(state.devices.values()));
}

boot();
