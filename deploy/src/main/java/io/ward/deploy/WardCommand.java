package io.ward.deploy;

import io.ward.deploy.aci.AciCommand;
import io.ward.deploy.acr.AcrCommand;
import io.ward.deploy.azure.AzureErrors;
import io.ward.deploy.console.AttackCommand;
import io.ward.deploy.console.AuditsCommand;
import io.ward.deploy.console.DefendersCommand;
import io.ward.deploy.console.LoginCommand;
import io.ward.deploy.console.PolicyCommand;
import io.ward.deploy.embed.EmbedCommand;
import io.ward.deploy.local.DemoCommand;
import io.ward.deploy.local.UpCommand;
import io.ward.deploy.suite.SuiteCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `ward` command line: entry point, the list of sub-commands, and how failures become exit codes. */
@Command(name = "ward", mixinStandardHelpOptions = true, version = "ward 0.1.0",
        description = "Open app-embedded runtime protection for serverless containers.",
        subcommands = {
            EmbedCommand.class,
            AcrCommand.class,
            AciCommand.class,
            SuiteCommand.class,
            UpCommand.class,
            DemoCommand.class,
            LoginCommand.class,
            PolicyCommand.class,
            AuditsCommand.class,
            AttackCommand.class,
            DefendersCommand.class,
        },
        footerHeading = "%n",
        footer = {"Example:", "  ward embed --app-id webadmin-aci --console https://ward.example.com Dockerfile",
            "Progress goes to stderr, results to stdout (--output table|json). See deploy/README.md for exit codes."})
public class WardCommand extends CommandGroup {

    /** The configured command line; tests run commands through it exactly as {@link #main} does. */
    public static CommandLine commandLine() {
        return new CommandLine(new WardCommand())
                .setUsageHelpWidth(120)
                .setExecutionExceptionHandler(WardCommand::onFailure);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** One line on stderr and a meaningful exit code; stack traces only with WARD_DEBUG=1. */
    private static int onFailure(Exception error, CommandLine cmd, CommandLine.ParseResult parsed) {
        CliException failure = error instanceof CliException cli ? cli : AzureErrors.describe(error);
        if (failure == null) {
            failure = new CliException(ExitCode.FAILED, "unexpected error: " + error, error);
        }
        cmd.getErr().println("ward: " + failure.getMessage());
        if ("1".equals(System.getenv("WARD_DEBUG"))) {
            error.printStackTrace(cmd.getErr());
        }
        return failure.exitCode();
    }
}
