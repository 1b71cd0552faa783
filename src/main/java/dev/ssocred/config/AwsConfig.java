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
    private final boolean configExists;

    public AwsConfig(IniFile config, IniFile credentials, Consumer<String> warnings) {
        this(config, credentials, warnings, true);
    }

    /** {@code configExists} false: the config file is missing, which messages about unknown profiles say. */
    public AwsConfig(IniFile config, IniFile credentials, Consumer<String> warnings, boolean configExists) {
        this.config = config;
        this.credentials = credentials;
        this.warnings = warnings;
        this.configExists = configExists;
    }

    public static AwsConfig load(AwsPaths paths, Environment env, Consumer<String> warnings) {
        return new AwsConfig(read(paths.configFile(), env, warnings), read(paths.credentialsFile(), env, warnings),
                warnings, java.nio.file.Files.exists(paths.configFile()));
    }

    /** Reads and parses one file; a missing file is an empty one, as for the AWS CLI. */
    public static IniFile read(Path file, Environment env) {
        return read(file, env, w -> { });
    }

    static IniFile read(Path file, Environment env, Consumer<String> warnings) {
        String display = display(file, env);
        return TextFiles.readUtf8(file, display).map(text -> {
            if (text.startsWith("\uFEFF")) {
                // Notepad saves one. Python reads it as part of the first line, so the AWS CLI cannot read the file.
                warnings.accept(display + " starts with a byte-order mark (U+FEFF), which the AWS CLI and the SDKs "
                        + "cannot read; save it as UTF-8 without BOM");
                text = text.substring(1);
            }
            return IniParser.parse(text, display);
        }).orElseGet(() -> IniFile.empty(display));
    }

    /** False when the config file does not exist (an empty file exists). */
    public boolean configExists() {
        return configExists;
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
        fromConfig.ifPresent(s -> overlay(settings, settings(s, config)));
        fromCreds.ifPresent(s -> overlay(settings, settings(s, credentials)));
        String where = fromConfig.map(s -> "[" + s.header() + "] in " + config.displayPath())
                .orElseGet(() -> "[" + name + "] in " + credentials.displayPath());
        String header = fromConfig.map(IniFile.Section::header).orElse(name);
        return Optional.of(new Profile(name, header, where, settings));
    }

    /** Puts {@code over} onto {@code base}; a hyphenated alias never replaces a value under the real name. */
    static void overlay(Map<String, Setting> base, Map<String, Setting> over) {
        over.forEach((k, v) -> {
            Setting old = base.get(k);
            if (!(v.alias() && old != null && !old.alias())) {
                base.put(k, v);
            }
        });
    }

    /** The [sso-session] names, sorted, for hints. */
    public List<String> sessionNames() {
        TreeSet<String> names = new TreeSet<>();
        for (IniFile.Section s : config.sections()) {
            classify(s.header()).filter(n -> n.kind().equals("sso-session")).ifPresent(n -> names.add(n.name()));
        }
        return List.copyOf(names);
    }

    public Optional<Map<String, Setting>> ssoSession(String name) {
        return prefixed("sso-session", name).map(s -> settings(s, config));
    }

    /** Whether [sso-session NAME] has the key at all, blank values included (which settings() leaves out). */
    public boolean sessionDeclares(String name, String key) {
        return prefixed("sso-session", name).map(s -> s.properties().containsKey(key)).orElse(false);
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
            if (classify(s.header()).filter(n -> n.kind().equals(kind) && n.name().equals(name)).isPresent()) {
                found = s; // later sections win
            }
        }
        return Optional.ofNullable(found);
    }

    /** What a config-file section is to botocore: a profile, an sso-session or a services section, and its name. */
    record SectionName(String kind, String name) {
    }

    /**
     * botocore's build_profile_map: a header that starts with "profile", "sso-session" or "services" (in that
     * order) and splits (shlex) into exactly two words names the second word; the first word is not checked, so
     * {@code [profiles dev]} is profile dev to the AWS CLI, and to us. {@code [default]} is the profile default.
     * Anything else is not a profile.
     */
    static Optional<SectionName> classify(String header) {
        for (String kind : new String[] {"profile", "sso-session", "services"}) {
            if (header.startsWith(kind)) {
                return Shlex.split(header).filter(w -> w.size() == 2).map(w -> new SectionName(kind, w.get(1)));
            }
        }
        return header.equals("default") ? Optional.of(new SectionName("profile", "default")) : Optional.empty();
    }

    static Optional<String> profileName(String header) {
        return classify(header).filter(n -> n.kind().equals("profile")).map(SectionName::name);
    }

    /**
     * A section's settings. An empty value ({@code endpoint_url =}) is unset, as botocore treats it. A hyphenated
     * key the AWS CLI ignores is read as an alias, with a warning that names the line.
     */
    private Map<String, Setting> settings(IniFile.Section section, IniFile file) {
        Map<String, Setting> out = new LinkedHashMap<>();
        for (IniFile.Property p : section.properties().values()) {
            if (!p.value().isEmpty()) {
                out.put(p.key(), new Setting(p.value(), file.displayPath() + ":" + p.line()));
            }
        }
        for (IniFile.Property p : section.properties().values()) {
            String canonical = p.key().replace('-', '_');
            if (!canonical.equals(p.key())) {
                warnings.accept(file.displayPath() + ":" + p.line() + ": '" + p.key()
                        + "' is ignored by the AWS CLI and the SDKs; write '" + canonical + "'");
                if (!p.value().isEmpty()) {
                    out.putIfAbsent(canonical, new Setting(p.value(), file.displayPath() + ":" + p.line(), true));
                }
            }
        }
        return out;
    }
}
