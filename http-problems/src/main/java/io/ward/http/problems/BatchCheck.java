package io.ward.http.problems;

import jakarta.validation.ConstraintViolation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The checks every JSON-array body of the console gets (event-service's audit ingestion, attack-mapper's
 * classification): the array is there, holds at most its limit (else 413), and each item is checked with its errors
 * named {@code [index].field}. Nothing of a refused batch is used; the first 50 errors are listed, the first of them
 * in the detail.
 */
public final class BatchCheck {

    /** More errors than this are not worth listing; the first ones tell the sender what is wrong. */
    static final int MAX_LISTED_ERRORS = 50;

    private BatchCheck() {
    }

    /** The checks of one item (never null): adds its errors, fields named from {@code at} (e.g. {@code [3]}). */
    @FunctionalInterface
    public interface ItemCheck<T> {
        void check(String at, T item, List<FieldError> errors);
    }

    /**
     * Returns when the batch is acceptable, else throws the 400 or 413 problem.
     *
     * @param noun what an item is ({@code audit}), for the messages
     * @param refused what happens to a refused batch ({@code the batch was not stored}), the detail's first words
     */
    public static <T> void check(List<T> batch, int maxItems, String noun, String refused, ItemCheck<T> itemCheck) {
        if (batch == null) {
            throw ProblemException.badRequest("body", "must be a JSON array of " + noun + "s");
        }
        if (batch.size() > maxItems) {
            throw new ProblemException(413, "Payload Too Large",
                    "a batch holds at most " + maxItems + " " + noun + "s; this one has " + batch.size() + ": split it",
                    List.of(new FieldError("body", "must hold at most " + maxItems + " " + noun + "s")));
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < batch.size() && errors.size() < MAX_LISTED_ERRORS; i++) {
            String at = "[" + i + "]";
            T item = batch.get(i);
            if (item == null) {
                errors.add(new FieldError(at, "must be an " + noun + " object, not null"));
            } else {
                itemCheck.check(at, item, errors);
            }
        }
        if (!errors.isEmpty()) {
            FieldError first = errors.get(0);
            throw ProblemException.badRequest(refused + ": " + first.field() + " " + first.message()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""),
                    errors.subList(0, Math.min(errors.size(), MAX_LISTED_ERRORS)));
        }
    }

    /** Adds an item's Bean Validation violations, sorted by field, as {@code at.field} errors. */
    public static <T> void addViolations(String at, Set<ConstraintViolation<T>> violations, List<FieldError> errors) {
        violations.stream()
                .map(v -> new FieldError(at + "." + FieldPaths.ofViolation(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .forEach(errors::add);
    }
}
