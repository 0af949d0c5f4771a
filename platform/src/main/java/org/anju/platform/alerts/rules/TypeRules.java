package org.anju.platform.alerts.rules;

/**
 * The alert rules of one device type: read one committed message, conclude signals.
 */
interface TypeRules {

    void evaluate(RuleInput input);
}
