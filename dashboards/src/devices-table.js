// The device table: one <tr data-device-id> per device, rebuilt from device objects with
// text nodes only.
import { h } from './dom.js';
import { formatPlace, formatRelative, latestEntries, typeLabel } from './format.js';

const MAX_CHIPS = 6;

/** Binds the table body; returns functions to render all rows, replace one, and tick times. */
export function createDevicesTable(tbody, emptyRow) {
  return {
    /** Replaces all rows with `devices` (already filtered and sorted). */
    render(devices, nowMs) {
      tbody.replaceChildren(...devices.map((d) => row(d, nowMs)));
      emptyRow.hidden = devices.length > 0;
    },

    /** Replaces the row of `device` in place and flashes it; false if it has no row. */
    replace(device, nowMs) {
      const old = tbody.querySelector(`tr[data-device-id="${CSS.escape(device.id)}"]`);
      if (!old) return false;
      const fresh = row(device, nowMs);
      old.replaceWith(fresh);
      flash(fresh);
      return true;
    },

    /** Flashes the row of this device id, if shown. */
    flash(id) {
      const tr = tbody.querySelector(`tr[data-device-id="${CSS.escape(id)}"]`);
      if (tr) flash(tr);
    },

    /** Rewrites every "last seen" cell relative to `nowMs`. */
    tick(nowMs) {
      for (const cell of tbody.querySelectorAll('td.seen')) {
        cell.firstChild.textContent = formatRelative(cell.dataset.iso, nowMs);
      }
    },
  };
}

function flash(tr) {
  tr.classList.remove('flash');
  // Reading layout restarts the CSS animation when the same row updates again quickly.
  void tr.offsetWidth;
  tr.classList.add('flash');
  tr.addEventListener('animationend', () => tr.classList.remove('flash'), { once: true });
}

function row(d, nowMs) {
  const label = typeLabel(d.type);
  const online = d.online === true;
  return h(
    'tr',
    {
      class: online ? '' : 'is-offline',
      dataset: { deviceId: d.id, lastSeen: d.lastSeen ?? '', online: String(online) },
    },
    h('td', { class: 'type', dataset: { type: d.type } }, h('span', { class: 'type-en' }, label.en), h('span', { class: 'zh' }, label.zh)),
    h('td', { class: 'name' }, h('span', { class: 'device-name' }, d.name || d.id), h('span', { class: 'device-id' }, d.id)),
    h('td', { class: 'place' }, formatPlace(d)),
    h('td', { class: 'status' }, h('span', { class: `pill ${online ? 'pill-ok' : 'pill-bad'}`, title: presenceTitle(d) }, online ? 'Online 在线' : 'Offline 离线')),
    h(
      'td',
      { class: 'seen', dataset: { iso: d.lastSeen ?? '' }, title: d.lastSeen ? new Date(d.lastSeen).toLocaleString() : null },
      h('span', {}, formatRelative(d.lastSeen, nowMs)),
    ),
    h('td', { class: 'latest' }, chips(d.latest)),
  );
}

/** Says since when and why the device is online or offline (stored presence), for the pill's tooltip. */
function presenceTitle(d) {
  if (!d.presenceSince) return null;
  const reason = d.presenceReason ? ` (${d.presenceReason.replaceAll('_', ' ')})` : '';
  return `${d.online ? 'Online' : 'Offline'} since ${new Date(d.presenceSince).toLocaleString()}${reason}`;
}

function chips(latest) {
  const entries = latestEntries(latest);
  if (entries.length === 0) return h('span', { class: 'muted' }, '—');
  const shown = entries.slice(0, MAX_CHIPS).map(([name, value]) => chip(name, value));
  const rest = entries.slice(MAX_CHIPS);
  if (rest.length) {
    const title = rest.map(([name, value]) => `${name}: ${value}`).join('\n');
    shown.push(h('span', { class: 'chip chip-more', title }, `+${rest.length}`));
  }
  return h('div', { class: 'chips' }, shown);
}

function chip(name, value) {
  return h('span', { class: 'chip', title: `${name}: ${value}` }, h('span', { class: 'chip-key' }, name), h('span', { class: 'chip-val' }, value));
}
