package io.ward.deploy.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ward.deploy.OutputOptions;
import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Base of the console's terminal views: `--console`, `--output`, the logged-in client, and exit codes. */
public abstract class ConsoleCommand implements Callable<Integer> {

    @Option(names = "--console", description = "Console URL (default: the one you logged in to).")
    URI console;

    @Mixin
    protected OutputOptions output;

    protected final PrintStream out = System.out;

    /** The command's work, with a client for the saved login. */
    protected abstract int execute(ConsoleClient client) throws Exception;

    protected ConsoleClient client() {
        return ConsoleSession.client(console);
    }

    /** Failures are {@link ConsoleException}s: WardCommand prints them as one line with their exit code. */
    @Override
    public Integer call() throws Exception {
        return execute(client());
    }

    protected boolean json() {
        return output.format == OutputOptions.Format.json;
    }

    /** The console's own JSON, as it came: scripts get exactly what the API documents. */
    protected void printJson(JsonNode node) throws JsonProcessingException {
        out.println(ConsoleClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    }
}
