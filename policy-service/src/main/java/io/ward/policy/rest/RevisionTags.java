package io.ward.policy.rest;

import io.ward.http.problems.ProblemException;
import jakarta.ws.rs.core.EntityTag;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Revisions as HTTP entity tags: {@code ETag: "17"}; If-Match / If-None-Match accept "17", W/"17", 17 or *. */
final class RevisionTags {

    private static final Pattern TAG = Pattern.compile("^\\s*(?:W/)?\"?(\\d{1,18})\"?\\s*$");

    private RevisionTags() {
    }

    static EntityTag tag(long revision) {
        return new EntityTag(Long.toString(revision));
    }

    /** The revision a conditional header names; null when absent or "*" (any). */
    static Long parse(String header, String headerName) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        Matcher m = TAG.matcher(header);
        if (!m.matches()) {
            throw ProblemException.badRequest(headerName, "must be a revision such as \"17\"");
        }
        return Long.parseLong(m.group(1));
    }
}
