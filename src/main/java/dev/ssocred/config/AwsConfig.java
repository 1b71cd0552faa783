package dev.ssocred.config;

import dev.ssocred.io.TextFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The user's ~/.aws/config and ~/.aws/credentials, read once, with the AWS CLI's rules for which section is which.
 * Spellings the AWS CLI silently ignores ({@code [dev]} for {@code [profile dev]}, {@code sso-start-url} for
 * {@code sso_start_url}) are honoured here, with a warning that names the line and the canonical spelling.
 */
public final class AwsConfig {
    private final IniFile config;
    private final IniFile credentials;
    private final Consumer<String> warnings;

    public AwsConfig(IniFile config, IniFile credentials, Consumer<String> warnings) {
        this.config = config;
        this.credentials = credentials;
        this.warnings = warnings;
    }

    public static AwsConfig load(AwsPaths paths, Environment env, Consumer<String> warnings) {
        return new AwsConfig(read(paths.configFile(), env), read(paths.credentialsFile(), env), warnings);
    }

    /** Reads and parses one file; a missing file is an empty one, as for the AWS CLI. */
    public static IniFile read(Path file, Environment env) {
        String display = display(file, env);
        return TextFiles.readUtf8(file, display).map(text -> IniParser.parse(text, display))
                .orElseGet(() -> IniFile.empty(display));
    }

    /** {@code ~/.aws/config} rather than the absolute path when the file lives under HOME. */
    public static String display(Path file, Environment env) {
        Path home = env.home().toAbsolutePath();
        Path abs = file.toAbsolutePath();
        return abs.startsWith(home) && !abs.equals(home) ? "~/" + home.relativize(abs).toString().replace('\\', '/')
                : file.toString();
    }

    public String configPath() {
        return config.displayPath();
    }

    /** Profile names from both files, sorted. */
    public List<String> profileNames() {
        TreeSet<String> names = new TreeSet<>();
        for (IniFile.Section s : config.sections()) {
            profileName(s.header()).ifPresent(names::add);
        }
        for (IniFile.Section s : credentials.sections()) {
            names.add(s.header());
        }
        return List.copyOf(names);
    }

    /** The named profile's settings: the config-file section, with credentials-file keys merged over it. */
    public Optional<Profile> profile(String name) {
        Optional<IniFile.Section> fromConfig = configProfileSection(name);
        Optional<IniFile.Section> fromCreds = credentials.section(name);
        if (fromConfig.isEmpty() && fromCreds.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Setting> settings = new LinkedHashMap<>();
        fromConfig.ifPresent(s -> settings.putAll(settings(s, config)));
        fromCreds.ifPresent(s -> settings.putAll(settings(s, credentials)));
        String where = fromConfig.map(s -> "[" + s.header() + "] in " + config.displayPath())
                .orElseGet(() -> "[" + name + "] in " + credentials.displayPath());
        String header = fromConfig.map(IniFile.Section::header).orElse(name);
        return Optional.of(new Profile(name, header, where, settings));
    }

    public Optional<Map<String, Setting>> ssoSession(String name) {
        return prefixed("sso-session", name).map(s -> settings(s, config));
    }

    public Optional<IniFile.Section> services(String name) {
        return prefixed("services", name);
    }

    /** Where a section lives, for hints: {@code [sso-session corp] in ~/.aws/config}. */
    public String sessionWhere(String name) {
        return "[sso-session " + name + "] in " + config.displayPath();
    }

    private Optional<IniFile.Section> configProfileSection(String name) {
        IniFile.Section found = null;
        for (IniFile.Section s : config.sections()) {
            if (profileName(s.header()).filter(name::equals).isPresent()) {
                found = s; // later sections win, so [profile default] and [default] override each other in order
            }
        }
        if (found != null) {
            return Optional.of(found);
        }
        // The AWS CLI ignores [dev] in the config file; people write it anyway, so read it and say how to fix it.
        Optional<IniFile.Section> bare = config.section(name);
        if (bare.isPresent() && !isReserved(name)) {
            warnings.accept(config.displayPath() + ":" + bare.get().line() + ": [" + name
                    + "] is not a profile for the AWS CLI or the SDKs; write [profile " + name + "]");
            return bare;
        }
        return Optional.empty();
    }

    private static boolean isReserved(String header) {
        return header.startsWith("profile") || header.startsWith("sso-session") || header.startsWith("services");
    }

    private Optional<IniFile.Section> prefixed(String kind, String name) {
        IniFile.Section found = null;
        for (IniFile.Section s : config.sections()) {
            if (s.header().startsWith(kind)) {
                Optional<List<String>> words = Shlex.split(s.header());
                if (words.isPresent() && words.get().size() == 2 && words.get().get(0).equals(kind)
                        && words.get().get(1).equals(name)) {
                    found = s;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** The profile a config-file header names, per the AWS CLI: {@code [default]} or {@code [profile NAME]}. */
    static Optional<String> profileName(String header) {
        if (header.equals("default")) {
            return Optional.of("default");
        }
        if (!header.startsWith("profile")) {
            return Optional.empty();
        }
        return Shlex.split(header).filter(w -> w.size() == 2 && w.get(0).equals("profile")).map(w -> w.get(1));
    }

    private Map<String, Setting> settings(IniFile.Section section, IniFile file) {
        Map<String, Setting> out = new LinkedHashMap<>();
        for (IniFile.Property p : section.properties().values()) {
            out.put(p.key(), new Setting(p.value(), file.displayPath() + ":" + p.line()));
        }
        for (IniFile.Property p : section.properties().values()) {
            String canonical = p.key().replace('-', '_');
            if (!canonical.equals(p.key())) {
                warnings.accept(file.displayPath() + ":" + p.line() + ": '" + p.key()
                        + "' is ignored by the AWS CLI and the SDKs; write '" + canonical + "'");
                out.putIfAbsent(canonical, new Setting(p.value(), file.displayPath() + ":" + p.line()));
            }
        }
        return out;
    }
}
