package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import dev.ssocred.ServiceException;
import dev.ssocred.SsocredException;
import java.io.PrintWriter;
import java.io.StringWriter;

/** The single place failures are printed, for picocli's handler and the fast path alike (no picocli here). */
final class ErrorReporter {
    private ErrorReporter() {
    }

    /** The single place failures are printed: {@code ssocred: what} and {@code hint: how}; a trace only with --debug. */
    static int report(Context ctx, Exception ex) {
        PrintWriter err = ctx.err();
        SsocredException known = known(ex);
        if (known != null) {
            err.println("ssocred: " + Sanitize.line(known.getMessage()));
            if (known.hint() != null) {
                err.println("hint: " + Sanitize.line(known.hint()));
            }
        } else if (ex instanceof ServiceException se) {
            err.println("ssocred: " + Sanitize.line(se.describe()));
            err.println("hint: retry in a moment; add --debug for details");
        } else {
            err.println("ssocred: internal error: " + ex.getClass().getSimpleName() + ": " + Sanitize.line(ex.getMessage()));
            err.println("hint: run again with --debug and report the output (it contains no secrets)");
        }
        if (ctx.debug()) {
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            // Exception messages in the chain may quote a server's answer: same cleaning, line by line.
            for (String line : trace.toString().split("\n")) {
                err.println(Sanitize.line(line.stripTrailing()));
            }
        }
        err.flush();
        if (known != null) {
            return known.exitCode().code();
        }
        return ex instanceof ServiceException ? ExitCode.AWS.code() : ExitCode.INTERNAL.code();
    }

    private static SsocredException known(Throwable ex) {
        return ex instanceof SsocredException s ? s : null;
    }

}
