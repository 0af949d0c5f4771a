package org.anju.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import org.anju.bench.gateway.GatewayBench;
import org.anju.bench.platform.AlertsBench;
import org.anju.bench.platform.BillingBench;
import org.anju.bench.platform.IngestBench;
import org.anju.bench.platform.MaintenanceBench;
import org.anju.bench.platform.KafkaBench;
import org.anju.bench.platform.ReconnectBench;
import org.anju.bench.platform.UsageBench;
import org.anju.bench.platform.UiBench;

/**
 * {@code ./anju bench}: the benchmarks' command root. Each benchmark measures its reference in the
 * same run, prints the ratio, and ends with one {@code summary key=value …} line.
 */
@Command(name = "anju bench", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
        description = "Benchmarks: each measures its reference in the same run and ends with a 'summary' line.")
public final class BenchMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Returns the command line with every benchmark as a subcommand. */
    public static CommandLine commandLine() {
        return new CommandLine(new BenchMain())
                .addSubcommand(new GatewayBench())
                .addSubcommand(new IngestBench(System.out))
                .addSubcommand(new AlertsBench(System.out))
                .addSubcommand(new ReconnectBench(System.out))
                .addSubcommand(new UsageBench(System.out))
                .addSubcommand(new MaintenanceBench(System.out))
                .addSubcommand(new UiBench(System.out))
                .addSubcommand(new BillingBench(System.out))
                .addSubcommand(new KafkaBench(System.out));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say which benchmark: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
