package io.ward.deploy.embed;

import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;

import java.net.URI;
import java.util.regex.Pattern;

/** Validates the embed settings and renders ward-defender's {@code /etc/ward/defender.conf} (key=value lines). */
public final class DefenderConfig {

    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern NO_CONTROL = Pattern.compile("[^\\p{Cntrl}]+");

    private DefenderConfig() {
    }

    /** An app id is also a file name and a config value: letters, digits, dot, dash, underscore. */
    public static String checkAppId(String appId) {
        if (!APP_ID.matcher(appId).matches()) {
            throw new CliException(ExitCode.USAGE, "--app-id '" + appId
                    + "' is not valid: use 1-128 letters, digits, '.', '-' or '_', starting with a letter or digit");
        }
        return appId;
    }

    public static String checkConsole(String console) {
        URI uri;
        try {
            uri = URI.create(console);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || !NO_CONTROL.matcher(console).matches()) {
            throw new CliException(ExitCode.USAGE, "--console '" + console + "' is not an http(s) URL");
        }
        return console.endsWith("/") ? console.substring(0, console.length() - 1) : console;
    }

    public static String checkDataFolder(String dataFolder) {
        if (!dataFolder.startsWith("/") || !NO_CONTROL.matcher(dataFolder).matches()) {
            throw new CliException(ExitCode.USAGE, "--data-folder '" + dataFolder + "' must be an absolute path");
        }
        return dataFolder;
    }

    public static String render(String appId, String console, String dataFolder, boolean tokenEmbedded,
                                boolean caEmbedded, boolean requireRule) {
        StringBuilder conf = new StringBuilder("# ward-defender configuration written by `ward embed`\n")
                .append("app-id=").append(appId).append('\n')
                .append("console=").append(console).append('\n')
                .append("data-folder=").append(dataFolder).append('\n');
        if (tokenEmbedded) {
            conf.append("token-file=").append(DockerfileEmbedder.TOKEN_PATH).append('\n');
        }
        if (caEmbedded) {
            conf.append("ca-file=").append(DockerfileEmbedder.CA_PATH).append('\n');
        }
        if (requireRule) {
            conf.append("require-rule=true\n");
        }
        return conf.toString();
    }
}
