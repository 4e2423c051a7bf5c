package io.ward.deploy.suite;

import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;
import io.ward.deploy.OutputOptions;
import io.ward.deploy.azure.AzureOptions;
import io.ward.deploy.azure.FileShareVolume;
import io.ward.localpg.LocalService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** `ward suite deploy`: build the suite in ACR and run it as one container group behind a TLS front door. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Build policy-service, event-service, attack-mapper (native) and the defender in ACR, and run the "
                + "services as one container group behind a Caddy front door with TLS for the group's FQDN. Prints the "
                + "console URL and the generated first admin password (once, on stdout; it is stored nowhere else "
                + "than in the container group's secure environment).",
        footerHeading = "%n",
        footer = {"Examples:",
            "  ward suite deploy -g ward-rg --registry myacr --database-url jdbc:postgresql://db.postgres.database.azure.com:5432/ward \\",
            "    --database-user ward   # password from WARD_DB_PASSWORD",
            "  ward suite deploy -g ward-rg --registry myacr --ephemeral-database   # a trial: the data is lost at restart",
            "Caddy's certificates are kept on an Azure Files share (created if missing). PostgreSQL cannot keep its data",
            "on such a share (SMB: no chown to the postgres user, no 0700 data directory, unsafe fsync), so the suite needs",
            "--database-url, or --ephemeral-database to run PostgreSQL in the group and lose its data at every restart.",
            "Sign in as user admin with the printed password. Exit codes: 0 deployed, 1 a build or the group failed,",
            "2 bad flags, 3 not logged in / not allowed, 4 no such registry or resource group."})
public class SuiteDeployCommand implements Callable<Integer> {

    @Option(names = {"--resource-group", "-g"}, required = true, description = "Existing resource group.")
    String resourceGroup;

    @Option(names = {"--registry", "-r"}, required = true, description = "ACR name (admin user enabled).")
    String registry;

    @Option(names = {"--name", "-n"}, defaultValue = "ward", description = "Container group name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = {"--location", "-l"}, description = "Azure region (default: the resource group's).")
    String location;

    @Option(names = "--dns-name-label", description = "DNS label of the console (default: ward-<registry>).")
    String dnsNameLabel;

    @Option(names = "--tag", defaultValue = "latest", description = "Image tag (default: ${DEFAULT-VALUE}).")
    String tag;

    @Option(names = "--database-url", description = "JDBC URL of a durable PostgreSQL (e.g. Azure Database for PostgreSQL).")
    String databaseUrl;

    @Option(names = "--ephemeral-database", description = "Without --database-url: run PostgreSQL in the group; its"
            + " data is lost at every restart of the group.")
    boolean ephemeralDatabase;

    @Option(names = "--storage-account", description = "Storage account of the front door's certificate share, created if"
            + " missing (default: from the group's name, subscription and resource group).")
    String storageAccount;

    @Option(names = "--file-share", description = "File share of the front door's certificates, created if missing"
            + " (default: <name>-caddy).")
    String fileShare;

    @Option(names = "--database-user", defaultValue = "ward", description = "Database user (default: ${DEFAULT-VALUE}); password from WARD_DB_PASSWORD.")
    String databaseUser;

    @Option(names = "--proxy-image", defaultValue = "caddy:2.10", description = "Front door image (default: ${DEFAULT-VALUE}).")
    String proxyImage;

    @Option(names = "--postgres-image", defaultValue = "postgres:17", description = "PostgreSQL image of --ephemeral-database (default: ${DEFAULT-VALUE}).")
    String postgresImage;

    @Option(names = "--platform", defaultValue = "linux/amd64", description = "Build platform (default: ${DEFAULT-VALUE}).")
    String platform;

    @Mixin
    AzureOptions azure;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        if (databaseUrl == null && !ephemeralDatabase) {
            throw new CliException(ExitCode.USAGE, "the suite needs a durable PostgreSQL: pass --database-url (e.g. Azure"
                    + " Database for PostgreSQL); ACI can keep files only on Azure Files (SMB), where PostgreSQL cannot"
                    + " own its 0700 data directory nor rely on fsync, so in the group its data is lost at every"
                    + " restart (--ephemeral-database accepts that)");
        }
        if (databaseUrl != null && ephemeralDatabase) {
            throw new CliException(ExitCode.USAGE, "--ephemeral-database and --database-url exclude each other");
        }
        if (storageAccount != null) {
            FileShareVolume.checkAccountName("--storage-account", storageAccount);
        }
        String caddyShare = FileShareVolume.checkShareName("--file-share", fileShare != null ? fileShare : name + "-caddy");
        String dbPassword = System.getenv("WARD_DB_PASSWORD");
        if (databaseUrl != null && (dbPassword == null || dbPassword.isEmpty())) {
            throw new CliException(ExitCode.USAGE, "--database-url needs the password in WARD_DB_PASSWORD");
        }
        Path home;
        try {
            home = LocalService.wardHome();
        } catch (IllegalStateException e) {
            throw new CliException(ExitCode.USAGE, "run ward suite deploy inside the Ward repository (or set -Dward.home)");
        }
        String label = dnsNameLabel != null ? dnsNameLabel : ("ward-" + registry).toLowerCase();
        SuiteDeployment.Spec spec = new SuiteDeployment.Spec(name, resourceGroup, registry, location, label, tag, home,
                databaseUrl, databaseUser, dbPassword, proxyImage, postgresImage, platform, storageAccount, caddyShare);
        SuiteDeployment.Outcome outcome = new SuiteDeployment(azure.registryManager(), azure.instanceManager(), System.err)
                .run(spec);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("consoleUrl", outcome.consoleUrl());
        result.put("adminUser", "admin");
        result.put("adminPassword", outcome.adminPassword());
        result.put("note", "the admin password is shown only now; it lives in the group's secure environment"
                + " (WARD_ADMIN_PASSWORD) and sets the admin's password only in a database without users");
        result.put("containerGroup", outcome.group().name());
        result.put("images", outcome.images());
        output.print(System.out, result);
        return ExitCode.OK;
    }
}
