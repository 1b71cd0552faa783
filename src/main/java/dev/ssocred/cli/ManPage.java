package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * ssocred(1) in troff (man macros), written from the picocli command model at build time (the packages install it),
 * so every command, option and exit code in it is the one the program has.
 */
final class ManPage {
    private ManPage() {
    }

    static String render(CommandLine root, String version) {
        StringBuilder sb = new StringBuilder();
        sb.append(".TH SSOCRED 1 \"\" \"ssocred ").append(esc(version)).append("\" \"User Commands\"\n");
        sb.append(".SH NAME\nssocred \\- credentials from AWS IAM Identity Center, sharing the AWS CLI's caches\n");
        sb.append(".SH SYNOPSIS\n.B ssocred\n[\\fB\\-\\-debug\\fR] [\\fB\\-p\\fR \\fINAME\\fR] \\fICOMMAND\\fR "
                + "[\\fIOPTIONS\\fR] [\\fIPROFILE\\fR]\n.br\n.B ssocred help\n[\\fICOMMAND\\fR]\n");
        sb.append(".SH DESCRIPTION\n");
        paragraph(sb, "ssocred signs in to AWS IAM Identity Center and hands role credentials to every tool: as a "
                + "credential_process, as environment variables, in ~/.aws/credentials, to a command it runs, or from a "
                + "local credentials endpoint. It reads ~/.aws/config with the AWS CLI's rules and shares its token and "
                + "role caches byte for byte, so one login serves the AWS CLI, the SDKs and ssocred.");
        paragraph(sb, "stdout carries only what programs read (credentials, export lines, listings); prompts, "
                + "progress and errors go to stderr. Every error is one line, 'ssocred: what went wrong', and a "
                + "'hint:' line with the command that fixes it.");
        sb.append(".SH GLOBAL OPTIONS\n");
        for (OptionSpec o : root.getCommandSpec().options()) {
            option(sb, o);
        }
        sb.append(".SH COMMANDS\n");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (CommandLine sub : root.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.usageMessage().hidden() || !seen.add(spec.name())) {
                continue;
            }
            sb.append(".SS \"ssocred ").append(esc(spec.name()));
            for (PositionalParamSpec p : spec.positionalParameters()) {
                sb.append(" [").append(esc(p.paramLabel())).append(']');
            }
            sb.append("\"\n");
            if (spec.aliases().length > 0) {
                paragraph(sb, "Also: " + String.join(", ", spec.aliases()) + ".");
            }
            String[] description = spec.usageMessage().description();
            String[] header = spec.usageMessage().header();
            paragraph(sb, String.join(" ", header.length > 0 && description.length == 0 ? header : description));
            for (OptionSpec o : spec.options()) {
                if (!o.hidden() && !List.of(o.names()).contains("--debug") && !List.of(o.names()).contains("--help")
                        && !List.of(o.names()).contains("--version")) {
                    option(sb, o);
                }
            }
        }
        sb.append(".SH EXIT STATUS\n");
        for (ExitCode c : ExitCode.values()) {
            sb.append(".TP\n.B ").append(c.code()).append('\n').append(esc(c.meaning())).append('\n');
        }
        sb.append(".SH ENVIRONMENT\n");
        for (String[] v : new String[][] {
                {"AWS_PROFILE, AWS_DEFAULT_PROFILE", "The profile when none is given (then 'default')."},
                {"AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE", "The config and credentials files."},
                {"AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL_SSO_OIDC, AWS_ENDPOINT_URL_STS, "
                        + "AWS_ENDPOINT_URL_SIGNIN", "Endpoint overrides, as for the AWS CLI "
                        + "(AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns them off)."},
                {"HTTPS_PROXY, HTTP_PROXY, NO_PROXY, AWS_CA_BUNDLE", "Proxies and the CA certificates to trust."},
                {"SSOCRED_JAVA, JAVA_HOME, SSOCRED_JAVA_OPTS", "The Java to run on and extra JVM flags."},
                {"SSOCRED_CDS", "off disables the class-data archive."},
                {"SSOCRED_LOCK_TIMEOUT, SSOCRED_LOGIN_TIMEOUT", "Seconds to wait for another ssocred, and for a sign-in."},
                {"BROWSER", "The browser to open, before the platform's opener."}}) {
            sb.append(".TP\n.B ").append(esc(v[0])).append('\n').append(esc(v[1])).append('\n');
        }
        sb.append(".SH FILES\n");
        for (String[] f : new String[][] {
                {"~/.aws/config, ~/.aws/credentials", "Profiles, sso-sessions, services; keys."},
                {"~/.aws/sso/cache", "Tokens and client registrations, shared with the AWS CLI and the SDKs."},
                {"~/.aws/cli/cache", "Role credentials (Identity Center and assumed roles), shared with the AWS CLI."},
                {"~/.cache/ssocred", "The class-data archive of the self-executing file."}}) {
            sb.append(".TP\n.I ").append(esc(f[0])).append('\n').append(esc(f[1])).append('\n');
        }
        sb.append(".SH SEE ALSO\n.BR aws (1)\n");
        return sb.toString();
    }

    private static void option(StringBuilder sb, OptionSpec o) {
        sb.append(".TP\n");
        String names = String.join(", ", List.of(o.names()).stream().map(n -> "\\fB" + esc(n) + "\\fR").toList());
        sb.append(names);
        if (o.arity().max() > 0) {
            sb.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
        }
        sb.append('\n').append(esc(String.join(" ", o.description()).replace("${DEFAULT-VALUE}",
                String.valueOf(o.defaultValue())))).append('\n');
    }

    private static void paragraph(StringBuilder sb, String text) {
        sb.append(".PP\n").append(esc(text)).append('\n');
    }

    /** Backslashes, hyphens (so they copy as '-'), and a leading dot or quote that troff would read as a request. */
    static String esc(String s) {
        String e = s.replace("\\", "\\e").replace("-", "\\-");
        return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
    }
}
