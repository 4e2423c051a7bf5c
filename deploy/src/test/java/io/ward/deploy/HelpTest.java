package io.ward.deploy;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CLI conventions for every command: --help with an example on each, --output where there is a
 * result, usage errors as exit 2 on stderr.
 */
class HelpTest {

    @TestFactory
    Stream<DynamicTest> everyCommandHasHelpWithAnExample() {
        List<List<String>> paths = new ArrayList<>();
        paths.add(List.of());
        for (String top : List.of("embed", "acr", "aci", "suite", "up", "demo", "login", "policy", "audits", "attack",
                "defenders")) {
            collect(WardCommand.commandLine().getSubcommands().get(top), new ArrayList<>(List.of(top)), paths);
        }
        assertTrue(paths.size() >= 25, "all commands are listed: " + paths);
        return paths.stream().map(path -> DynamicTest.dynamicTest(("ward " + String.join(" ", path)).strip(), () -> {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRun run = CliRun.run(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.out().contains("Example"), "an example in: " + run.out());
            assertTrue(run.out().contains("  ward " + (path.isEmpty() ? "" : path.get(0))), "a ward command line: " + run.out());
        }));
    }

    @Test
    void anUnknownFlagIsAUsageErrorOnStderr() {
        CliRun run = CliRun.run("aci", "--nope");

        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("Unknown option: '--nope'"), run.err());
    }

    @Test
    void outputJsonIsOfferedWhereThereIsAResult() {
        for (String[] command : List.of(new String[] {"embed"}, new String[] {"acr", "build"},
                new String[] {"acr", "credentials"}, new String[] {"aci", "create"}, new String[] {"aci", "show"},
                new String[] {"aci", "delete"}, new String[] {"suite", "deploy"})) {
            CommandLine cl = WardCommand.commandLine();
            for (String name : command) {
                cl = cl.getSubcommands().get(name);
            }
            assertTrue(cl.getCommandSpec().findOption("--output") != null, String.join(" ", command));
        }
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().name().equals(name)) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, out);
            }
        });
    }
}
