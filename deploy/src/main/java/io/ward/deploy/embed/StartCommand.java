package io.ward.deploy.embed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * An ENTRYPOINT or CMD as the image config stores it: the exec-form argv, with a shell-form string already
 * turned into {@code SHELL + [string]} exactly as Docker does. {@code instruction} is null when it was given on
 * the command line (an entrypoint inherited from the base image).
 */
public record StartCommand(List<String> argv, boolean shellForm, Instruction instruction) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads ENTRYPOINT/CMD arguments: a JSON array of strings is exec form, anything else is shell form. */
    public static StartCommand parse(Instruction instruction, List<String> shell) {
        List<String> exec = execForm(instruction.arguments());
        if (exec != null) {
            return new StartCommand(exec, false, instruction);
        }
        List<String> argv = new ArrayList<>(shell);
        argv.add(instruction.arguments());
        return new StartCommand(List.copyOf(argv), true, instruction);
    }

    /** The argv of a JSON array of strings, or null when the text is not one (Docker then uses shell form). */
    public static List<String> execForm(String text) {
        if (!text.startsWith("[")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isArray()) {
                return null;
            }
            List<String> argv = new ArrayList<>();
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    return null;
                }
                argv.add(element.textValue());
            }
            return List.copyOf(argv);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Renders an argv as a Dockerfile exec-form array. */
    public static String toExecForm(List<String> argv) {
        try {
            return JSON.writeValueAsString(argv);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
