package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import dev.ssocred.config.AwsConfig;
import dev.ssocred.config.IniFile;
import dev.ssocred.doctor.ConfigChecks;
import dev.ssocred.doctor.Finding;
import dev.ssocred.doctor.TextEdit;
import dev.ssocred.io.TextFiles;
import dev.ssocred.sso.SsoToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ssocred doctor [--fix]}: what in the config and caches costs logins or safety, with file:line and the fix. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        header = "Find (and --fix) what costs logins or safety.",
        description = {"Check ~/.aws/config and the caches: sections and keys the AWS tools",
                "ignore, legacy profiles that cannot refresh, sessions without scopes,",
                "missing sessions, file modes, ended sessions, the clock. --fix applies",
                "the safe fixes (diff first), including moving legacy profiles to an",
                "[sso-session]. Exit 0: nothing found (or all fixed); 4: findings remain."})
final class DoctorCommand implements Callable<Integer> {
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(2);
    private final Context ctx;

    @Option(names = "--fix", description = "Apply the safe fixes.")
    boolean fix;

    @Option(names = "--offline", description = "Skip the check of this machine's clock against the service's.")
    boolean offline;

    DoctorCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        Path config = ctx.paths().configFile();
        String display = ctx.display(config);
        String text = TextFiles.readUtf8(config, display).orElse("");
        IniFile file = AwsConfig.read(config, ctx.env());
        List<Finding> findings = new ArrayList<>(new ConfigChecks(file, text.split("\r\n|\n|\r", -1).length).all());
        findings.addAll(modes());
        findings.addAll(sessions());
        if (!offline) {
            findings.addAll(clock());
        }
        for (Finding f : findings) {
            ctx.out().println(f.where() + ": " + Sanitize.line(f.what()));
            ctx.out().println("  fix: " + f.fix() + (f.fixable() && !fix ? " (ssocred doctor --fix does this)" : ""));
        }
        if (findings.isEmpty()) {
            ctx.err().println("ssocred doctor: nothing to fix in " + display + " and the caches.");
        }
        int remaining = findings.size();
        if (fix) {
            remaining -= apply(config, display, text, findings);
        }
        ctx.out().flush();
        return remaining == 0 ? 0 : ExitCode.CONFIG.code();
    }

    /** Applies the fixable findings; returns how many were fixed. */
    private int apply(Path config, String display, String text, List<Finding> findings) throws IOException {
        List<TextEdit> edits = new ArrayList<>();
        int fixed = 0;
        for (Finding f : findings) {
            edits.addAll(f.edits());
            if (f.chmod() != null) {
                try {
                    Files.setPosixFilePermissions(f.chmod().path(), PosixFilePermissions.fromString(f.chmod().mode()));
                } catch (IOException e) {
                    throw new SsocredException(ExitCode.CONFIG, "cannot change the mode of "
                            + ctx.display(f.chmod().path()) + ": " + e.getMessage(), "run " + f.fix() + " yourself");
                }
                ctx.err().println("chmod " + f.chmod().mode() + " " + ctx.display(f.chmod().path()));
            }
            fixed += f.fixable() ? 1 : 0;
        }
        if (!edits.isEmpty()) {
            ConfigEdit.apply(ctx, "ssocred doctor --fix", current -> {
                if (!current.equals(text)) {
                    throw new SsocredException(ExitCode.CONFIG, display + " changed while doctor ran",
                            "run 'ssocred doctor --fix' again");
                }
                String updated = TextEdit.apply(text, edits);
                ctx.out().print(Diff.unified(display, text, updated));
                return updated;
            });
            ctx.err().println("Fixed " + fixed + " finding(s); " + display + " was rewritten, everything else in it "
                    + "kept as it was.");
        }
        return fixed;
    }

    /** Caches and the credentials file readable or writable by others. */
    private List<Finding> modes() throws IOException {
        List<Finding> out = new ArrayList<>();
        for (Path dir : List.of(ctx.paths().ssoCacheDir(), ctx.paths().cliCacheDir())) {
            if (open(dir)) {
                out.add(new Finding(ctx.display(dir), "the cache directory is open to group or others (mode "
                        + mode(dir) + "); tokens and keys live there", "chmod 700 " + ctx.display(dir), List.of(),
                        new Finding.ModeFix(dir, "rwx------")));
            }
        }
        Path creds = ctx.paths().credentialsFile();
        if (open(creds)) {
            out.add(new Finding(ctx.display(creds), "the credentials file is readable by group or others (mode "
                    + mode(creds) + ")", "chmod 600 " + ctx.display(creds), List.of(),
                    new Finding.ModeFix(creds, "rw-------")));
        }
        return out;
    }

    private static boolean open(Path p) throws IOException {
        if (!Files.exists(p) || !p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return false;
        }
        var perms = Files.getPosixFilePermissions(p);
        return perms.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"));
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    /** Sessions whose token has expired and cannot be refreshed: the next call will fail until a login. */
    private List<Finding> sessions() {
        List<Finding> out = new ArrayList<>();
        Instant now = ctx.clock().instant();
        ctx.resolver().sessions(e -> out.add(Finding.advice(ctx.display(ctx.paths().configFile()), e.getMessage(),
                e.hint() == null ? "fix the configuration" : e.hint()))).forEach((session, profiles) -> {
            Optional<SsoToken> token = ctx.tokenCache().readTokenIfIntact(session);
            if (token.isPresent() && token.get().isExpired(now) && (session.isLegacy() || !token.get().canRefresh())
                    && !profiles.isEmpty()) {
                out.add(Finding.advice(ctx.display(ctx.tokenCache().tokenPath(session)), "the login for "
                        + session.label() + " has ended and cannot be refreshed", "ssocred login --profile "
                        + CredentialVerb.shellWord(profiles.get(0))));
            }
        });
        return out;
    }

    /** This machine's clock against the service's Date, for the first session. */
    private List<Finding> clock() {
        var sessions = ctx.resolver().sessions(e -> { });
        if (sessions.isEmpty()) {
            return List.of();
        }
        var first = sessions.entrySet().iterator().next();
        var endpoints = first.getValue().isEmpty() ? ctx.resolver().endpointsFor(Optional.empty())
                : ctx.resolver().endpoints(ctx.resolver().profile(first.getValue().get(0)));
        Optional<Instant> theirs = dev.ssocred.aws.ServiceDate.of(first.getKey().region(), endpoints);
        ctx.debug(() -> "service clock: " + theirs.map(Instant::toString).orElse("not reachable"));
        return theirs.flatMap(t -> skew(t, ctx.clock().instant())).stream().toList();
    }

    /** A finding when the clocks differ by more than {@link #CLOCK_TOLERANCE}. */
    static Optional<Finding> skew(Instant service, Instant local) {
        Duration skew = Duration.between(service, local);
        if (skew.abs().compareTo(CLOCK_TOLERANCE) <= 0) {
            return Optional.empty();
        }
        return Optional.of(Finding.advice("clock", "this machine's clock is " + skew.abs().toSeconds() + " s "
                + (skew.isNegative() ? "behind" : "ahead of") + " IAM Identity Center's, so tokens look "
                + (skew.isNegative() ? "valid after they expired" : "expired early"), "enable time synchronisation "
                + "(timedatectl set-ntp true)"));
    }
}
