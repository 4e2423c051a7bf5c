package io.ward.deploy.azure;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.containerinstance.models.ContainerGroup.DefinitionStages.WithFirstContainerInstance;
import com.azure.resourcemanager.containerinstance.models.ContainerGroup.DefinitionStages.WithPrivateImageRegistryOrVolume;
import com.azure.resourcemanager.storage.StorageManager;
import com.azure.resourcemanager.storage.fluent.FileSharesClient;
import com.azure.resourcemanager.storage.fluent.models.FileShareInner;
import com.azure.resourcemanager.storage.models.MinimumTlsVersion;
import com.azure.resourcemanager.storage.models.StorageAccount;
import com.azure.resourcemanager.storage.models.StorageAccountSkuType;
import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An Azure Files share that a container group mounts read-write, so what a container writes under the mount path
 * survives a restart of the group. The storage account and the share are found or created through Resource Manager
 * (so re-running a command reuses them); ACI mounts the share with the account key, which is sent only in the
 * container group definition and never printed.
 */
public record FileShareVolume(String storageAccount, String share, String key) {

    private static final Pattern ACCOUNT_NAME = Pattern.compile("[a-z0-9]{3,24}");
    private static final Pattern SHARE_NAME = Pattern.compile("(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*");
    /** GiB: the data kept is small (a rule, a bounded spool, certificates); the quota bounds what a container can fill. */
    static final int QUOTA_GB = 1;

    /** Never shows the key. */
    @Override
    public String toString() {
        return storageAccount + "/" + share;
    }

    /** {@code name} if it is a valid storage account name, else a usage error naming {@code flag}. */
    public static String checkAccountName(String flag, String name) {
        if (!ACCOUNT_NAME.matcher(name).matches()) {
            throw new CliException(ExitCode.USAGE, flag + " '" + name + "' must be 3-24 lowercase letters and digits"
                    + " (an Azure storage account name)");
        }
        return name;
    }

    /** {@code name} if it is a valid file share name, else a usage error naming {@code flag}. */
    public static String checkShareName(String flag, String name) {
        if (!SHARE_NAME.matcher(name).matches()) {
            throw new CliException(ExitCode.USAGE, flag + " '" + name + "' must be 3-63 lowercase letters, digits and"
                    + " single hyphens, starting and ending with a letter or digit (an Azure file share name)");
        }
        return name;
    }

    /**
     * {@code path} if it is an absolute, normalised path other than {@code /} without a colon (ACI refuses colons in
     * mount paths), else a usage error naming {@code flag}.
     */
    public static String checkMountPath(String flag, String path) {
        if (!path.startsWith("/") || path.equals("/") || path.contains(":")
                || !Path.of(path).normalize().toString().equals(path)) {
            throw new CliException(ExitCode.USAGE, flag + " '" + path + "' must be an absolute path below /, like /var/lib/ward");
        }
        return path;
    }

    /**
     * The storage account name used when none is given: the group name's letters and digits (up to 16) and 8 hex
     * digits of a hash of subscription, resource group and group. Account names are global across Azure, and many
     * people follow the same walkthrough with the same names; the hash keeps theirs apart while the same command in
     * the same subscription always finds the same account again.
     */
    public static String derivedAccountName(String subscriptionId, String resourceGroup, String groupName) {
        String letters = groupName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String prefix = letters.substring(0, Math.min(16, letters.length()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((subscriptionId + "/"
                    + resourceGroup.toLowerCase(Locale.ROOT) + "/" + groupName).getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Finds or creates the storage account (StorageV2, Standard_LRS, HTTPS only, TLS 1.2+, no public blob access) and
     * the share in {@code resourceGroup}, and reads the account's first key.
     */
    public static FileShareVolume ensure(StorageManager storage, String resourceGroup, String location,
                                         String accountName, String shareName, PrintStream progress) {
        StorageAccount account = existingAccount(storage, resourceGroup, accountName);
        if (account == null) {
            progress.println("creating storage account " + accountName + " in " + resourceGroup + " (" + location + ") …");
            account = storage.storageAccounts().define(accountName)
                    .withRegion(location)
                    .withExistingResourceGroup(resourceGroup)
                    .withSku(StorageAccountSkuType.STANDARD_LRS)
                    .withGeneralPurposeAccountKindV2()
                    .withOnlyHttpsTraffic()
                    .withMinimumTlsVersion(MinimumTlsVersion.TLS1_2)
                    .disableBlobPublicAccess()
                    .create();
        } else if (!account.isSharedKeyAccessAllowed()) {
            throw new CliException(ExitCode.FAILED, "storage account " + accountName + " does not allow shared key"
                    + " access, which ACI needs to mount Azure Files; name another with --storage-account");
        } else {
            progress.println("using storage account " + accountName);
        }
        FileSharesClient shares = storage.serviceClient().getFileShares();
        if (shareExists(shares, resourceGroup, accountName, shareName)) {
            progress.println("using file share " + shareName);
        } else {
            progress.println("creating file share " + shareName + " (" + QUOTA_GB + " GiB) …");
            shares.create(resourceGroup, accountName, shareName, new FileShareInner().withShareQuota(QUOTA_GB));
        }
        return new FileShareVolume(accountName, shareName, account.getKeys().get(0).value());
    }

    /** Adds the share to a container group definition as the read-write volume {@code volumeName}. */
    public WithFirstContainerInstance defineOn(WithPrivateImageRegistryOrVolume group, String volumeName) {
        return group.defineVolume(volumeName)
                .withExistingReadWriteAzureFileShare(share)
                .withStorageAccountName(storageAccount)
                .withStorageAccountKey(key)
                .attach();
    }

    private static StorageAccount existingAccount(StorageManager storage, String resourceGroup, String name) {
        try {
            return storage.storageAccounts().getByResourceGroup(resourceGroup, name);
        } catch (ManagementException e) {
            if (notFound(e)) {
                return null;
            }
            throw e;
        }
    }

    private static boolean shareExists(FileSharesClient shares, String resourceGroup, String account, String share) {
        try {
            shares.getWithResponse(resourceGroup, account, share, null, null, Context.NONE);
            return true;
        } catch (ManagementException e) {
            if (notFound(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean notFound(ManagementException e) {
        return e.getResponse() != null && e.getResponse().getStatusCode() == 404;
    }
}
