package io.ward.console.rest;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the tables show them: UTC to the second ({@code <time datetime>} keeps the full instant). */
@TemplateExtension
public class TimeFormat {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private TimeFormat() {
    }

    static String display(Instant instant) {
        return instant == null ? "-" : SECONDS.format(instant);
    }
}
