// The alerts panel: a community's unresolved alerts, most severe first, with acknowledge and
// resolve for those a person handles here (fire alarms follow the fire workflow instead).
import { h } from './dom.js';
import { formatRelative } from './format.js';

export const SEVERITIES = ['critical', 'major', 'minor', 'warning', 'info'];

const SEVERITY_LABELS = {
  critical: 'Critical 紧急',
  major: 'Major 重要',
  minor: 'Minor 次要',
  warning: 'Warning 警告',
  info: 'Info 提示',
};

/** Orders alerts most severe first, then most recently seen first. */
export function sortAlerts(alerts) {
  const rank = (a) => {
    const i = SEVERITIES.indexOf(a.severity);
    return i < 0 ? SEVERITIES.length : i;
  };
  return [...alerts].sort((a, b) => rank(a) - rank(b) || String(b.lastSeen).localeCompare(String(a.lastSeen)));
}

/** Returns what a person may do with an alert here: 'acknowledge', 'resolve' (or both), none for fire alarms. */
export function alertActions(alert) {
  if (alert.fireCaseId != null || alert.status === 'resolved') return [];
  return alert.status === 'open' ? ['acknowledge', 'resolve'] : ['resolve'];
}

/** Binds the panel; `act(action, id)` performs an action and resolves when done. */
export function createAlertsPanel(tbody, emptyRow, countEl, act) {
  return {
    render(alerts, nowMs) {
      const sorted = sortAlerts(alerts);
      tbody.replaceChildren(...sorted.map((a) => row(a, nowMs, act)));
      emptyRow.hidden = sorted.length > 0;
      countEl.textContent = String(sorted.length);
    },
  };
}

function row(a, nowMs, act) {
  const buttons = alertActions(a).map((action) =>
    h('button', { type: 'button', class: 'btn btn-ghost', dataset: { action }, on: { click: () => act(action, a.id) } },
      action === 'acknowledge' ? 'Acknowledge 确认' : 'Resolve 解除'),
  );
  const handling = a.fireCaseId != null ? h('span', { class: 'muted' }, `Fire case 火警 #${a.fireCaseId}`) : buttons;
  return h(
    'tr',
    { class: `alert-${a.severity}`, dataset: { alertId: a.id, type: a.type } },
    h('td', {}, h('span', { class: `pill severity-${a.severity}` }, SEVERITY_LABELS[a.severity] ?? a.severity)),
    h('td', { class: 'name' }, h('span', { class: 'device-name' }, a.type), h('span', { class: 'device-id' }, a.deviceId)),
    h('td', { class: 'place' }, a.address),
    h('td', {}, a.status, a.occurrences > 1 ? ` ×${a.occurrences}` : ''),
    h('td', { title: a.lastSeen ? new Date(a.lastSeen).toLocaleString() : null }, formatRelative(a.lastSeen, nowMs)),
    h('td', {}, handling),
  );
}
