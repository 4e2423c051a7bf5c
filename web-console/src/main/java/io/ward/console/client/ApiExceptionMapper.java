package io.ward.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Turns every service error (4xx/5xx) into an {@link ApiException} carrying the problem-details body. */
public class ApiExceptionMapper implements ResponseExceptionMapper<ApiException> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ApiException toThrowable(Response response) {
        JsonNode problem = null;
        try {
            response.bufferEntity();
            problem = JSON.readTree(response.readEntity(String.class));
        } catch (RuntimeException | java.io.IOException notJson) {
            // a proxy's HTML error page: the status alone says enough
        }
        return new ApiException(response.getStatus(), problem);
    }
}
