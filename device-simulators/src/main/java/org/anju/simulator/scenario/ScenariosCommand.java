package org.anju.simulator.scenario;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import org.anju.simulator.AnjuVersion;

/**
 * {@code ./anju simulate scenarios}: lists the shipped scenarios with their descriptions.
 */
@Command(name = "scenarios", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class, description = "Lists the shipped scenarios.")
public final class ScenariosCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (String file : ScenarioLibrary.files()) {
            Scenario s = ScenarioLibrary.shipped(file);
            spec.commandLine().getOut().printf("%-22s %s%n%-22s %d steps, %d expectations%n", s.name(),
                    s.description(), "", s.steps().size(), s.expectationCount());
        }
        return 0;
    }
}
