// Pure alert logic shared by the console's panels.

export const SEVERITIES = ['critical', 'major', 'minor', 'warning', 'info'];

/** Orders alerts most severe first, then most recently seen first. */
export function sortAlerts(alerts) {
  const rank = (a) => {
    const i = SEVERITIES.indexOf(a.severity);
    return i < 0 ? SEVERITIES.length : i;
  };
  return [...alerts].sort((a, b) => rank(a) - rank(b) || String(b.lastSeen).localeCompare(String(a.lastSeen)));
}

/**
 * What a person may do with an alert in the console: 'acknowledge' and 'resolve' for an open
 * one, 'resolve' for an acknowledged one; nothing for fire alarms, which follow the fire
 * workflow (the API resolves them at the verdict), nor for resolved ones.
 */
export function alertActions(alert) {
  if (alert.fireCaseId != null || alert.status === 'resolved') return [];
  return alert.status === 'open' ? ['acknowledge', 'resolve'] : ['resolve'];
}
