package io.ward.attack.classify;

import io.ward.attack.Json;
import io.ward.attack.TestTokens;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;
import io.restassured.http.ContentType;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /api/v1/attack/classify: whole bodies for the seed attack, network and DNS audits, and validation errors. */
@QuarkusTest
class ClassifyResourceTest {

    private static final String UNIX_SHELL = """
            {"tactic":"execution","techniqueId":"T1059.004","techniqueName":"Command and Scripting Interpreter: Unix Shell"}""";
    private static final String FILE_DISCOVERY = """
            {"tactic":"discovery","techniqueId":"T1083","techniqueName":"File and Directory Discovery"}""";

    @Test
    void seedAttackLandsUnderExecutionWithTheListingAsDiscovery() {
        String seedAudit = """
                [{"id":"0b6c1f3e-6f1d-4a43-9a53-2f1f6f0f9a10","time":"2026-11-28T12:14:03.123456Z","appId":"webadmin-aci",
                  "instanceId":"webadmin-aci:fee8ca99","type":"processes","effect":"alert","reason":"not-allowed",
                  "ruleName":"Org App-Embedded Runtime Protection Policy","ruleRevision":17,
                  "message":"/bin/dash launched and is not allowed by rule Org App-Embedded Runtime Protection Policy. Full command: /bin/sh -c ls",
                  "process":{"path":"/bin/dash","command":"/bin/sh -c ls","pid":4711,"ppid":12,
                             "parentPath":"/usr/local/bin/python3.9","user":"antitree","uid":999},
                  "network":null,"dns":null}]""";

        assertBody(seedAudit, """
                [{"id":"0b6c1f3e-6f1d-4a43-9a53-2f1f6f0f9a10","attack":[%s,%s]}]""".formatted(UNIX_SHELL, FILE_DISCOVERY));
    }

    @Test
    void processPartAloneIsEnoughAndResultsKeepRequestOrder() {
        assertBody("""
                [{"id":"b","process":{"command":"python app.py"}},
                 {"id":"a","process":{"path":"/bin/dash","command":"/bin/sh -c ls"}},
                 {"id":"c","process":{"path":"/usr/bin/gunicorn"}}]""", """
                [{"id":"b","attack":[]},{"id":"a","attack":[%s,%s]},{"id":"c","attack":[]}]"""
                .formatted(UNIX_SHELL, FILE_DISCOVERY));
    }

    @Test
    void networkAuditsMapPortsAndProtocols() {
        assertBody("""
                [{"id":"n1","type":"network","reason":"outbound","process":{"path":"/usr/bin/nc.openbsd","command":"nc 203.0.113.9 4444"},
                  "network":{"direction":"outbound","protocol":"tcp","ip":"203.0.113.9","port":4444}},
                 {"id":"n2","type":"network","reason":"outbound","network":{"direction":"outbound","protocol":"tcp","ip":"203.0.113.9","port":443}},
                 {"id":"n3","type":"network","reason":"outbound","network":{"direction":"outbound","protocol":"udp","ip":"8.8.8.8","port":53}},
                 {"id":"n4","type":"network","reason":"outbound","network":{"direction":"outbound","protocol":"tcp","ip":"::ffff:169.254.169.254","port":80}},
                 {"id":"n5","type":"network","reason":"listen-port","process":{"path":"/bin/nc.openbsd","command":"nc -lvnp 4444"},
                  "network":{"direction":"listen","protocol":"tcp","ip":"0.0.0.0","port":4444}},
                 {"id":"n6","type":"network","reason":"listen-port","process":{"path":"/usr/local/bin/python3.9","command":"python3 app.py"},
                  "network":{"direction":"listen","protocol":"tcp","ip":"0.0.0.0","port":5000}},
                 {"id":"n7","type":"network","reason":"outbound","process":{"path":"/usr/bin/nmap","command":"nmap -p- 10.0.0.5"},
                  "network":{"direction":"outbound","protocol":"tcp","ip":"10.0.0.5","port":3306}},
                 {"id":"n8","type":"network","reason":"outbound","network":{"direction":"outbound","protocol":"tcp","ip":"203.0.113.9","port":21}},
                 {"id":"n9","type":"network","reason":"outbound","network":{"direction":"outbound","protocol":"tcp","ip":"10.0.0.7","port":5432}}]""",
                """
                [{"id":"n1","attack":[{"tactic":"command-and-control","techniqueId":"T1571","techniqueName":"Non-Standard Port"}]},
                 {"id":"n2","attack":[{"tactic":"command-and-control","techniqueId":"T1071.001","techniqueName":"Application Layer Protocol: Web Protocols"}]},
                 {"id":"n3","attack":[{"tactic":"command-and-control","techniqueId":"T1071.004","techniqueName":"Application Layer Protocol: DNS"}]},
                 {"id":"n4","attack":[{"tactic":"credential-access","techniqueId":"T1552.005","techniqueName":"Unsecured Credentials: Cloud Instance Metadata API"},
                                      {"tactic":"command-and-control","techniqueId":"T1071.001","techniqueName":"Application Layer Protocol: Web Protocols"}]},
                 {"id":"n5","attack":[{"tactic":"command-and-control","techniqueId":"T1571","techniqueName":"Non-Standard Port"}]},
                 {"id":"n6","attack":[]},
                 {"id":"n7","attack":[{"tactic":"discovery","techniqueId":"T1046","techniqueName":"Network Service Discovery"}]},
                 {"id":"n8","attack":[{"tactic":"command-and-control","techniqueId":"T1071.002","techniqueName":"Application Layer Protocol: File Transfer Protocols"},
                                      {"tactic":"exfiltration","techniqueId":"T1048.003","techniqueName":"Exfiltration Over Alternative Protocol: Exfiltration Over Unencrypted Non-C2 Protocol"}]},
                 {"id":"n9","attack":[]}]""");
    }

    @Test
    void dnsAuditsMapOnlyRecognisedNames() {
        assertBody("""
                [{"id":"d1","type":"dns","reason":"dns","dns":{"domain":"pool.supportxmr.com","queryType":"A"}},
                 {"id":"d2","type":"dns","reason":"dns","dns":{"domain":"6f6e652074776f2074687265652066697665207369782073657665.t.evil.example","queryType":"A"}},
                 {"id":"d3","type":"dns","reason":"dns","dns":{"domain":"c2.evil.example","queryType":"txt"}},
                 {"id":"d4","type":"dns","reason":"dns","dns":{"domain":"tcp.eu.ngrok.io","queryType":"A"}},
                 {"id":"d5","type":"dns","reason":"dns","dns":{"domain":"evil.example","queryType":"A"}},
                 {"id":"d6","dns":{"domain":"abc.oast.fun"}}]""", """
                [{"id":"d1","attack":[{"tactic":"impact","techniqueId":"T1496","techniqueName":"Resource Hijacking"}]},
                 {"id":"d2","attack":[{"tactic":"command-and-control","techniqueId":"T1071.004","techniqueName":"Application Layer Protocol: DNS"},
                                      {"tactic":"exfiltration","techniqueId":"T1048.003","techniqueName":"Exfiltration Over Alternative Protocol: Exfiltration Over Unencrypted Non-C2 Protocol"}]},
                 {"id":"d3","attack":[{"tactic":"command-and-control","techniqueId":"T1071.004","techniqueName":"Application Layer Protocol: DNS"}]},
                 {"id":"d4","attack":[{"tactic":"command-and-control","techniqueId":"T1572","techniqueName":"Protocol Tunneling"}]},
                 {"id":"d5","attack":[]},
                 {"id":"d6","attack":[{"tactic":"command-and-control","techniqueId":"T1071.004","techniqueName":"Application Layer Protocol: DNS"}]}]""");
    }

    @Test
    void emptyBatchGivesEmptyResult() {
        assertBody("[]", "[]");
    }

    @Test
    void thousandAuditsInOneCallAreAllClassified() {
        String audits = String.join(",", Collections.nCopies(1000, """
                {"id":"x","process":{"path":"/bin/dash","command":"/bin/sh -c ls"}}"""));
        List<Map<String, Object>> results = classify("[" + audits + "]").then().statusCode(200)
                .extract().as(new TypeRef<>() { });
        assertEquals(1000, results.size());
        results.forEach(result -> assertEquals(2, ((List<?>) result.get("attack")).size()));
    }

    @Test
    void moreThanThousandAuditsIsRefusedWith413() {
        String audits = String.join(",", Collections.nCopies(1001, """
                {"id":"x","process":{"command":"ls"}}"""));
        classify("[" + audits + "]").then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413)).body("title", equalTo("Payload Too Large"))
                .body("detail", equalTo("a batch holds at most 1000 audits; this one has 1001: split it"))
                .body("errors[0].field", equalTo("body")).body("errors[0].message", equalTo("must hold at most 1000 audits"));
    }

    @Test
    void invalidAuditsAreNamedByIndexAndField() {
        assertProblem("""
                [{"id":"ok","process":{"command":"ls"}},
                 {"id":"","type":"bogus","reason":"because","process":{"command":"ls"}},
                 {"id":"n","type":"network","network":{"direction":"sideways","protocol":"sctp","port":70000}},
                 {"id":"e"},
                 {"id":"p","process":{"pid":1}},
                 {"id":"t","type":"dns"},
                 null]""", """
                {"type":"about:blank","title":"Bad Request","status":400,"detail":"the batch was not classified: [1].id must not be blank (and 10 more)",
                 "errors":[
                  {"field":"[1].id","message":"must not be blank"},
                  {"field":"[1].reason","message":"must be one of denied, not-allowed, crypto-miner, modified-binary, reverse-shell, listen-port, outbound, dns"},
                  {"field":"[1].type","message":"must be one of processes, network, dns, filesystem"},
                  {"field":"[2].network.direction","message":"must be listen or outbound"},
                  {"field":"[2].network.port","message":"must be less than or equal to 65535"},
                  {"field":"[2].network.protocol","message":"must be tcp, udp or raw"},
                  {"field":"[3]","message":"needs a process, network or dns part"},
                  {"field":"[4].process","message":"needs a path or a command"},
                  {"field":"[5]","message":"needs a process, network or dns part"},
                  {"field":"[5].dns","message":"is required for a dns audit"},
                  {"field":"[6]","message":"must be an audit object, not null"}]}""");
    }

    @Test
    void wrongTypesNameTheField() {
        assertProblem("""
                [{"id":"a","process":{"command":"ls"}},{"id":"b","network":{"direction":"outbound","port":"https"}}]""",
                """
                {"type":"about:blank","title":"Bad Request","status":400,"detail":"The request has 1 invalid field(s).",
                 "errors":[{"field":"[1].network.port","message":"has the wrong type or format"}]}""");
    }

    @Test
    void bodyMustBeAJsonArray() {
        classify("{\"id\":\"a\"}").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body")).body("status", equalTo(400));
        classify("[{\"id\":").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("[0]")).body("title", equalTo("Bad Request"))
                .body("errors[0].message", equalTo("has the wrong type or format"));
    }

    @Test
    void overlongCommandIsRefused() {
        String command = "a".repeat(8193);
        classify("[{\"id\":\"a\",\"process\":{\"command\":\"" + command + "\"}}]").then().statusCode(400)
                .body("errors[0].field", equalTo("[0].process.command"))
                .body("errors[0].message", equalTo("size must be between 0 and 8192"));
    }

    private static io.restassured.response.Response classify(String body) {
        return given().auth().oauth2(TestTokens.auditor()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/attack/classify");
    }

    private static void assertBody(String request, String expectedJson) {
        List<Object> actual = classify(request).then().statusCode(200).contentType(ContentType.JSON)
                .extract().as(new TypeRef<>() { });
        assertEquals(Json.parse(expectedJson), actual);
    }

    private static void assertProblem(String request, String expectedJson) {
        Object actual = classify(request).then().statusCode(400).contentType("application/problem+json")
                .extract().as(Object.class);
        assertEquals(Json.parse(expectedJson), actual);
    }
}
