package io.ward.http.problems;

/**
 * The service's side of {@link HttpProblems}: each service answers in its own problem-details shape (its type URIs,
 * its fields) and wording, while the refusals themselves and their titles are shared. Each service provides exactly
 * one bean implementing this.
 */
public interface ProblemBodies {

    /**
     * The problem-details body for one refusal, without field errors. It is written with the application's Jackson
     * {@code ObjectMapper}, so it is the same object the service's exception mappers return (registered for
     * reflection in a native image).
     */
    Object problem(int status, String title, String detail);

    /** The detail of a 401 for a missing or invalid bearer token. */
    String missingTokenDetail();

    /** The detail of a 413 for a body larger than {@code maxBytes} (declared so, or found so while read). */
    String tooLargeDetail(long maxBytes);
}
