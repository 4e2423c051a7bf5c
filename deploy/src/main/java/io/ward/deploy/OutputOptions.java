package io.ward.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The `--output table|json` flag and the one way results are printed to stdout. */
public class OutputOptions {

    /** Output formats, named like the az CLI's. */
    public enum Format { table, json }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = {"--output", "-o"}, defaultValue = "table",
            description = "Result format on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    public Format format = Format.table;

    /** Prints one result: a two-column table of its fields, or a JSON object. */
    public void print(PrintStream out, Map<String, ?> result) {
        if (format == Format.json) {
            out.println(toJson(result));
            return;
        }
        int width = result.keySet().stream().mapToInt(String::length).max().orElse(0);
        result.forEach((k, v) -> out.printf("%-" + width + "s  %s%n", k, v == null ? "" : v));
    }

    /** Prints rows: a table with the keys of the first row as headers, or a JSON array. */
    public void printRows(PrintStream out, List<? extends Map<String, ?>> rows) {
        if (format == Format.json) {
            out.println(toJson(rows));
            return;
        }
        if (rows.isEmpty()) {
            return;
        }
        List<String> headers = List.copyOf(rows.get(0).keySet());
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (String h : headers) {
            int w = h.length();
            for (Map<String, ?> row : rows) {
                w = Math.max(w, String.valueOf(row.get(h)).length());
            }
            widths.put(h, w);
        }
        StringBuilder line = new StringBuilder();
        headers.forEach(h -> line.append(String.format("%-" + widths.get(h) + "s  ", h.toUpperCase())));
        out.println(line.toString().stripTrailing());
        for (Map<String, ?> row : rows) {
            line.setLength(0);
            headers.forEach(h -> line.append(String.format("%-" + widths.get(h) + "s  ", row.get(h) == null ? "" : row.get(h))));
            out.println(line.toString().stripTrailing());
        }
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
