package org.anju.simulator.scenario;

/**
 * A scenario file that cannot be used, with the place of the mistake: {@code fire.yaml:12: ...}.
 */
public final class ScenarioException extends RuntimeException {

    private final int line;

    public ScenarioException(String source, int line, String message) {
        super(source + (line > 0 ? ":" + line : "") + ": " + message);
        this.line = line;
    }

    /** Returns the line of the mistake, from 1; 0 when the file as a whole is wrong. */
    public int line() {
        return line;
    }
}
