package org.anju.simulator;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import org.anju.process.LogFormat;
import org.anju.process.ParentWatch;
import org.anju.simulator.community.GenerateCommand;
import org.anju.simulator.load.LoadCommand;
import org.anju.simulator.scenario.ScenarioCommand;
import org.anju.simulator.scenario.ScenariosCommand;

/**
 * {@code ./anju simulate}: the simulator's command root. Each subcommand is its own class; adding
 * one is one entry in {@code subcommands}.
 */
@Command(name = "anju simulate", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
        description = "Simulated devices (Eclipse Paho, Hono device API): run a community live, backfill history, "
                + "generate communities, run scenarios, load with a ledger.",
        subcommands = {RunCommand.class, BackfillCommand.class, GenerateCommand.class, ScenariosCommand.class,
                ScenarioCommand.class, LoadCommand.class})
public final class SimulatorMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        LogFormat.checkOrExit();
        ParentWatch.exitWithParent();
        System.exit(commandLine().execute(args));
    }

    /**
     * Returns the command line; a bad manifest, state file or device attribute ends it with one
     * line naming the problem and exit code 2, not a stack trace.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new SimulatorMain()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof java.io.IOException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("simulate: " + e.getMessage());
                return 2;
            }
            throw e;
        });
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
