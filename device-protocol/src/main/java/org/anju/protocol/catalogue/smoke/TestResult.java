package org.anju.protocol.catalogue.smoke;

/** The outcome of a detector self-test, sent as {@code passed} or {@code failed}. */
public enum TestResult {
    PASSED,
    FAILED
}
