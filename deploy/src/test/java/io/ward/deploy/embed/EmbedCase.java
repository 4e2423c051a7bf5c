package io.ward.deploy.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of the embed table (src/test/resources/embed-cases/*.case): the CLI arguments, the input Dockerfile, and
 * either the original command (entrypoint and cmd as Docker stores them, written by hand) with the expected output,
 * or the expected refusal ("exit-code message-prefix").
 */
record EmbedCase(String name, List<String> args, String dockerfile, List<String> entrypoint, List<String> cmd,
                 String expected, String refused, String warning) {

    private static final Pattern SECTION = Pattern.compile("(?m)^=== ([a-z-]+)\\n");
    private static final ObjectMapper JSON = new ObjectMapper();

    static EmbedCase read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, String> sections = new LinkedHashMap<>();
        Matcher m = SECTION.matcher(text);
        String current = null;
        int start = 0;
        while (m.find()) {
            if (current != null) {
                sections.put(current, text.substring(start, m.start()));
            }
            current = m.group(1);
            start = m.end();
        }
        sections.put(current, text.substring(start));
        String dockerfile = sections.get("dockerfile");
        if (sections.containsKey("end-without-newline")) {
            dockerfile = dockerfile.substring(0, dockerfile.length() - 1);
        }
        List<String> args = strings(JSON.readTree(sections.get("args")));
        String refused = sections.containsKey("refused") ? sections.get("refused").strip() : null;
        List<String> entrypoint = null;
        List<String> cmd = null;
        if (sections.containsKey("original")) {
            JsonNode original = JSON.readTree(sections.get("original"));
            entrypoint = strings(original.get("entrypoint"));
            cmd = strings(original.get("cmd"));
        }
        String warning = sections.containsKey("warning") ? sections.get("warning").strip() : null;
        String name = file.getFileName().toString().replace(".case", "");
        return new EmbedCase(name, args, dockerfile, entrypoint, cmd, sections.get("expected"), refused, warning);
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.textValue()));
        return list;
    }
}
