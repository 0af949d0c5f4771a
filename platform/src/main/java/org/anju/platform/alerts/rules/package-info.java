/**
 * The alert rules: pure functions of what a device said (a committed message, a presence change)
 * and the community's thresholds, concluding {@link org.anju.platform.alerts.rules.Signal}s. No
 * database, no clock: the alert engine reads the thresholds and applies the signals.
 * <p>
 * {@link org.anju.platform.alerts.rules.RuleBook} is the entry point; the rules of each device
 * type are package-private.
 */
package org.anju.platform.alerts.rules;
