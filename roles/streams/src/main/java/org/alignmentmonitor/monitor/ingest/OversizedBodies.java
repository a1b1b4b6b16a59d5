package org.alignmentmonitor.monitor.ingest;

import java.io.IOException;
import java.io.InputStream;

import io.javalin.http.Context;

/**
 * Reads and discards what is left of a request body refused for its size, before the refusal is sent. A server that
 * answers while the client is still sending, then closes, makes the client's TCP stack receive a reset, and clients
 * then often lose the 413 itself (the JDK client reported "header parser received no bytes" under load). Draining
 * is bounded: past {@link #LIMIT} the connection is left to close.
 */
public final class OversizedBodies {

    static final long LIMIT = 16L * 1024 * 1024;

    private OversizedBodies() {
    }

    public static void drain(Context ctx) {
        long declared = ctx.contentLength();
        if (declared > LIMIT) {
            return;
        }
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] sink = new byte[64 * 1024];
            long read = 0;
            int n;
            while (read <= LIMIT && (n = in.read(sink)) >= 0) {
                read += n;
            }
        } catch (IOException e) {
            // The client went away: nothing left to protect.
        }
    }
}
