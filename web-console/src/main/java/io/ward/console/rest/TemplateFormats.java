package io.ward.console.rest;

import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formats the templates use: times to the second in UTC, values placed in a link's query string. */
@TemplateExtension
public class TemplateFormats {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private TemplateFormats() {
    }

    /** {@code <time datetime>} keeps the full instant; the text shows it to the second. */
    static String display(Instant instant) {
        return instant == null ? "-" : SECONDS.format(instant);
    }

    /** A value as one query parameter ({@code name=a&b} would otherwise end at the {@code &}). */
    static String query(String value) {
        // %20, not +: a query parameter is not form data, and JAX-RS reads + as a plus
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
