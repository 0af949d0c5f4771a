package org.anju.simulator;

import picocli.CommandLine;

import org.anju.process.Version;

/** Answers {@code --version} for the simulator commands. */
public final class AnjuVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {Version.text()};
    }
}
