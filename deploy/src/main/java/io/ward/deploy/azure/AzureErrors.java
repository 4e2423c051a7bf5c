package io.ward.deploy.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementException;
import com.azure.identity.CredentialUnavailableException;
import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;

/** Turns Azure SDK failures into one-line messages with a meaningful exit code. */
public final class AzureErrors {

    private AzureErrors() {
    }

    /** The CLI failure for {@code error}, or null when it is not an Azure failure. */
    public static CliException describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseException http && http.getResponse() != null) {
                int status = http.getResponse().getStatusCode();
                String reason = reason(http);
                if (status == 401 || status == 403) {
                    return new CliException(ExitCode.AUTH, "Azure refused the request (" + status + reason
                            + "); check `az login`, --subscription and your role on the resource", t);
                }
                if (status == 404) {
                    return new CliException(ExitCode.NOT_FOUND, "not found (404" + reason + ")", t);
                }
                return new CliException(ExitCode.FAILED, "Azure answered " + status + reason, t);
            }
            // no HTTP response: the credential chain itself found nothing usable
            if (t instanceof CredentialUnavailableException || t instanceof ClientAuthenticationException) {
                return new CliException(ExitCode.AUTH, "no usable Azure credentials: run `az login` (or set"
                        + " AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, or use a managed identity)", t);
            }
        }
        return null;
    }

    private static String reason(HttpResponseException http) {
        if (http instanceof ManagementException m && m.getValue() != null) {
            String code = m.getValue().getCode();
            String message = m.getValue().getMessage();
            return (code == null ? "" : " " + code) + (message == null ? "" : ": " + oneLine(message));
        }
        return "";
    }

    static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
