package dev.ssocred.demo;

import dev.ssocred.emulator.IdentityCenterEmulator;
import dev.ssocred.io.Timestamps;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ssocred emulator}: runs the local IAM Identity Center emulator in the foreground, for trying the AWS tools
 * without an account and for the benchmark. With {@code --home DIR} it also writes a config and a signed-in
 * session into DIR/.aws, as a finished login would.
 */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = "Run a local IAM Identity Center emulator on 127.0.0.1 until it is stopped (Ctrl-C), or until "
                + "stdin closes when stdin is a pipe. Prints AWS_ENDPOINT_URL=<url> on stdout; device logins approve "
                + "themselves unless --manual-approve is given.")
public final class EmulatorCommand implements Callable<Integer> {
    private final PrintWriter out;
    private final PrintWriter err;

    @Option(names = "--port", paramLabel = "N", description = "Port on 127.0.0.1 (default: any free port).")
    int port;

    @Option(names = "--manual-approve", description = "Device codes wait for a person: open the verification URL, "
            + "then its Allow or Deny link (/device/allow?user_code=CODE, /device/deny?user_code=CODE).")
    boolean manualApprove;

    @Option(names = "--home", paramLabel = "DIR",
            description = "Write DIR/.aws/config (profiles bench-readonly, bench-admin) and a signed-in token.")
    Path home;

    public EmulatorCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        try (IdentityCenterEmulator emu = IdentityCenterEmulator.start(port, Clock.systemUTC())) {
            emu.manualApproval = manualApprove;
            emu.autoApproveAfter = manualApprove ? null : Duration.ZERO;
            if (home != null) {
                seed(emu, home);
            }
            out.println("AWS_ENDPOINT_URL=" + emu.baseUrl());
            out.flush();
            // Only a pipe is watched: its end means the script that started us is gone. A terminal is not read (a
            // background job would stop at the first key typed), nor /dev/null (which "&" in a script gives).
            boolean pipe = dev.ssocred.cli.Platform.stdinIsPipe();
            err.println("ssocred: emulator listening on " + emu.baseUrl() + (pipe ? "; close stdin to stop"
                    : "; Ctrl-C or kill to stop"));
            if (manualApprove) {
                err.println("ssocred: device codes wait for approval: " + emu.baseUrl() + "/device/allow?user_code=CODE"
                        + " (or /device/deny?user_code=CODE)");
            }
            err.flush();
            if (!pipe) {
                new java.util.concurrent.CountDownLatch(1).await();
            }
            while (System.in.read() >= 0) {
                // runs until the pipe reaches its end
            }
        }
        return 0;
    }

    private static void seed(IdentityCenterEmulator emu, Path home) throws Exception {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), String.join("\n",
                "[sso-session bench]",
                "sso_start_url = https://d-1234567890.awsapps.com/start",
                "sso_region = us-east-1",
                "sso_registration_scopes = sso:account:access",
                "[profile bench-readonly]",
                "sso_session = bench",
                "sso_account_id = 111122223333",
                "sso_role_name = ReadOnly",
                "region = us-east-1",
                "[profile bench-admin]",
                "sso_session = bench",
                "sso_account_id = 111122223333",
                "sso_role_name = Admin",
                "region = us-east-1", ""), StandardCharsets.UTF_8);
        IdentityCenterEmulator.Seed s = emu.seedSession();
        var session = new dev.ssocred.config.SsoSession(java.util.Optional.of("bench"),
                "https://d-1234567890.awsapps.com/start", "us-east-1", java.util.List.of("sso:account:access"));
        new dev.ssocred.sso.TokenCache(aws.resolve("sso/cache"), Path::toString, w -> { }).writeToken(session,
                new dev.ssocred.sso.SsoToken(session.startUrl(), session.region(), s.accessToken(),
                        java.time.Instant.now().plus(emu.accessTokenLifetime), s.clientId(), s.clientSecret(),
                        Timestamps.format(s.registrationExpiresAt()), s.refreshToken()));
    }
}
