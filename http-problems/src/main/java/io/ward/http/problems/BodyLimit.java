package io.ward.http.problems;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The body limit for a body whose size is only known once read (sent chunked, without Content-Length): every body
 * RESTEasy reads is counted, and one going over {@code quarkus.http.limits.max-body-size} is refused with the same 413
 * problem as a declared one, before the resource runs. The connection is closed after the answer, with the rest of the
 * body unread. (A declared length over the limit never gets here: {@link HttpProblems} refuses it first.)
 */
@Provider
public class BodyLimit implements ReaderInterceptor {

    private final HttpProblems problems;

    BodyLimit(HttpProblems problems) {
        this.problems = problems;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Counted(context.getInputStream(), problems.maxBodySize()));
        return context.proceed();
    }

    @ServerExceptionMapper
    public Response tooLarge(TooLarge e, RoutingContext ctx) {
        ctx.addEndHandler(done -> ctx.request().connection().close());
        return Response.status(413).type(Problem.MEDIA_TYPE).header(HttpHeaderNames.CONNECTION.toString(), "close")
                .entity(problems.tooLargeBody()).build();
    }

    /**
     * Thrown by the counted stream. An IOException, which body readers pass on as it is (Jackson wraps other
     * exceptions thrown inside a field), so that it reaches {@link #tooLarge} rather than the service's mappers.
     */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("request body over the limit");
        }
    }

    /** The body, failing with {@link TooLarge} once more than {@code limit} bytes have been read. */
    private static final class Counted extends FilterInputStream {

        private final long limit;
        private long count;
        private boolean over;

        Counted(InputStream body, long limit) {
            super(body);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long n) throws TooLarge {
            count += n;
            if (count > limit) {
                over = true;
                throw new TooLarge();
            }
        }

        @Override
        public void close() throws IOException {
            // Closing RESTEasy's stream reads the body to its end; one over the limit is left unread instead, and the
            // connection closed after the answer.
            if (!over) {
                super.close();
            }
        }
    }
}
