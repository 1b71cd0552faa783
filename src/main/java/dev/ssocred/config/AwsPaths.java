package dev.ssocred.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the AWS tools keep their files, resolved from the environment exactly as the AWS CLI does. */
public record AwsPaths(Path configFile, Path credentialsFile, Path ssoCacheDir, Path cliCacheDir) {

    /** Compiled only when a path holds a '$': every credential_process call comes through here. */
    private static final class Vars {
        static final Pattern VAR = Pattern.compile("\\$(\\w+)|\\$\\{(\\w+)}");
    }

    public static AwsPaths from(Environment env) {
        Path aws = env.home().resolve(".aws");
        Optional<String> configVar = env.get("AWS_CONFIG_FILE");
        Optional<String> credsVar = env.get("AWS_SHARED_CREDENTIALS_FILE");
        Path config = configVar.isPresent() ? expand(configVar.get(), env) : aws.resolve("config");
        Path creds = credsVar.isPresent() ? expand(credsVar.get(), env) : aws.resolve("credentials");
        // The SSO caches never move: no variable or config key relocates them in the CLI or the SDKs.
        return new AwsPaths(config, creds, aws.resolve("sso").resolve("cache"), aws.resolve("cli").resolve("cache"));
    }

    /** Python's os.path.expandvars + expanduser, which the CLI applies to these two variables. */
    static Path expand(String raw, Environment env) {
        String s = raw.indexOf('$') < 0 ? raw : expandVars(raw, env);
        if (s.equals("~") || s.startsWith("~/")) {
            s = env.home() + s.substring(1);
        }
        return Path.of(s);
    }

    private static String expandVars(String raw, Environment env) {
        Matcher m = Vars.VAR.matcher(raw);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = env.vars().get(name);
            m.appendReplacement(sb, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
