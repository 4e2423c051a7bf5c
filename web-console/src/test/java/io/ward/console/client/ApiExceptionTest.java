package io.ward.console.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** policy-service's field errors land at the form input named like the field, with the list line. */
class ApiExceptionTest {

    @Test
    void listIndexesBecomeLinesOfTheInput() throws Exception {
        ApiException e = new ApiException(400, new ObjectMapper().readTree("""
                {"title":"Bad Request","status":400,"detail":"2 invalid fields","errors":[
                  {"field":"network.listeningPorts[0]","message":"must be a port or a range"},
                  {"field":"network.listeningPorts[2]","message":"must be a port or a range"},
                  {"field":"name","message":"must not be null"}]}"""));
        assertEquals(Map.of("network.listeningPorts", "line 1: must be a port or a range; line 3: must be a port or a range",
                "name", "must not be null"), e.fieldErrors());
        assertEquals("2 invalid fields", e.detail());
    }

    @Test
    void aBodyThatIsNotAProblemStillGivesAMessage() {
        ApiException e = new ApiException(502, null);
        assertEquals(Map.of(), e.fieldErrors());
        assertEquals("the service answered HTTP 502", e.detail());
    }
}
