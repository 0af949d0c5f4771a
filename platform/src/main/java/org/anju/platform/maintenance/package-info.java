/**
 * Long-term maintenance (issue 13; docs/maintenance.md). Sub-packages own their tables: {@code forecast}
 * (forecasts from the rollups), {@code plans} (assets, plans, calendars, usage counters) and {@code work}
 * (work orders, crews, checklists, escalation, maintainer performance). They meet through the types
 * of this package: due work flows to a {@link org.anju.platform.maintenance.WorkOrderSink}, completed
 * work back to a {@link org.anju.platform.maintenance.CompletionListener}.
 */
package org.anju.platform.maintenance;
