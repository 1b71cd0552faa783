package dev.ssocred;

import dev.ssocred.aws.SdkClients;
import dev.ssocred.aws.SdkOidcApi;
import dev.ssocred.aws.SdkPortalApi;
import dev.ssocred.cli.Cli;
import dev.ssocred.cli.Context;
import dev.ssocred.cli.Platform;
import dev.ssocred.config.Environment;
import dev.ssocred.sso.Sleeper;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Composition root: the only place that knows the real adapters (SDK clients, system clock, browser, streams). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Environment env = Environment.system();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8));
        // The SDK is touched only through these suppliers, so a cache hit never loads an SDK class.
        Context ctx = new Context(env, Clock.systemDefaultZone(), out, err, Platform.stderrIsTerminal(),
                () -> SdkOidcApi.factory(SdkClients.defaults()), () -> SdkPortalApi.factory(SdkClients.defaults()),
                Platform.browser(env), Sleeper.SYSTEM);
        return Cli.execute(ctx, args);
    }
}
