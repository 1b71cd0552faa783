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
 *
 * <p>Every credential_process call reads the files through this class, so the code a lookup runs has plain loops
 * and ifs, no lambdas or method references: the first one would start the JVM's invokedynamic machinery, several
 * milliseconds of a ~50 ms call (docs/performance.md). {@code LauncherIT} checks a cache hit loads no lambda.
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

    /** The same files, parsed once, with warnings found from now on (a profile's, when it is looked up) going to {@code to}. */
    public AwsConfig warningTo(Consumer<String> to) {
        return new AwsConfig(config, credentials, to, configExists);
    }

    public static AwsConfig load(AwsPaths paths, Environment env, Consumer<String> warnings) {
        // Whether the config exists comes from its read, not from one more look at the file system.
        String configDisplay = display(paths.configFile(), env);
        Optional<IniFile> config = readIfThere(paths.configFile(), configDisplay, warnings);
        return new AwsConfig(config.isPresent() ? config.get() : IniFile.empty(configDisplay),
                read(paths.credentialsFile(), env, warnings), warnings, config.isPresent());
    }

    /** Reads and parses one file; a missing file is an empty one, as for the AWS CLI. */
    public static IniFile read(Path file, Environment env) {
        return read(file, env, w -> { });
    }

    static IniFile read(Path file, Environment env, Consumer<String> warnings) {
        // Named once: a missing file (every SSO-only user's ~/.aws/credentials) is named by its empty IniFile too.
        String display = display(file, env);
        Optional<IniFile> read = readIfThere(file, display, warnings);
        return read.isPresent() ? read.get() : IniFile.empty(display);
    }

    /** The file parsed, or empty when it does not exist; {@code display} names it in messages. */
    private static Optional<IniFile> readIfThere(Path file, String display, Consumer<String> warnings) {
        Optional<String> read = TextFiles.readUtf8(file, display);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        String text = read.get();
        if (text.startsWith("\uFEFF")) {
            // Notepad saves one. Python reads it as part of the first line, so the AWS CLI cannot read the file.
            warnings.accept(display + " starts with a byte-order mark (U+FEFF), which the AWS CLI and the SDKs "
                    + "cannot read; save it as UTF-8 without BOM");
            text = text.substring(1);
        }
        return Optional.of(IniParser.parse(text, display));
    }

    /** False when the config file does not exist (an empty file exists). */
    public boolean configExists() {
        return configExists;
    }

    /**
     * {@code ~/.aws/config} rather than the absolute path when the file lives under HOME. By the paths' text: a path's
     * text has no doubled or trailing separator, so a prefix that ends at a separator is a prefix of its names, as
     * {@code Path.startsWith} has it, without {@code relativize}'s work (both files of every call are named so). Only a
     * rest with a {@code .} or {@code ..} name goes to {@code relativize}, which normalizes it away.
     */
    public static String display(Path file, Environment env) {
        Path homePath = env.home().toAbsolutePath();
        Path absPath = file.toAbsolutePath();
        String home = homePath.toString();
        String abs = absPath.toString();
        String separator = file.getFileSystem().getSeparator();
        String prefix = home.endsWith(separator) ? home : home + separator;
        if (abs.length() <= prefix.length() || !abs.startsWith(prefix)) {
            return file.toString();
        }
        String rest = abs.substring(prefix.length());
        String names = separator + rest + separator;
        if (names.contains(separator + "." + separator) || names.contains(separator + ".." + separator)) {
            rest = homePath.relativize(absPath).toString();
        }
        return "~/" + rest.replace('\\', '/');
    }

    public String configPath() {
        return config.displayPath();
    }

    /** Profile names from both files, sorted. */
    public List<String> profileNames() {
        TreeSet<String> names = new TreeSet<>();
        for (IniFile.Section s : config.sections()) {
            String name = profileName(s.header());
            if (name != null) {
                names.add(name);
            }
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
        if (fromConfig.isPresent()) {
            overlay(settings, settings(fromConfig.get(), config));
        }
        if (fromCreds.isPresent()) {
            overlay(settings, settings(fromCreds.get(), credentials));
        }
        String where = fromConfig.isPresent() ? "[" + fromConfig.get().header() + "] in " + config.displayPath()
                : "[" + name + "] in " + credentials.displayPath();
        String header = fromConfig.isPresent() ? fromConfig.get().header() : name;
        return Optional.of(new Profile(name, header, where, settings));
    }

    /** Puts {@code over} onto {@code base}; a hyphenated alias never replaces a value under the real name. */
    static void overlay(Map<String, Setting> base, Map<String, Setting> over) {
        for (Map.Entry<String, Setting> e : over.entrySet()) {
            Setting old = base.get(e.getKey());
            if (!(e.getValue().alias() && old != null && !old.alias())) {
                base.put(e.getKey(), e.getValue());
            }
        }
    }

    /** The [sso-session] names, sorted, for hints. */
    public List<String> sessionNames() {
        TreeSet<String> names = new TreeSet<>();
        for (IniFile.Section s : config.sections()) {
            SectionName n = classify(s.header());
            if (n != null && n.kind().equals("sso-session")) {
                names.add(n.name());
            }
        }
        return List.copyOf(names);
    }

    public Optional<Map<String, Setting>> ssoSession(String name) {
        IniFile.Section s = prefixed("sso-session", name);
        return s == null ? Optional.empty() : Optional.of(settings(s, config));
    }

    /** Whether [sso-session NAME] has the key at all, blank values included (which settings() leaves out). */
    public boolean sessionDeclares(String name, String key) {
        IniFile.Section s = prefixed("sso-session", name);
        return s != null && s.properties().containsKey(key);
    }

    public Optional<IniFile.Section> services(String name) {
        return Optional.ofNullable(prefixed("services", name));
    }

    /** Where a section lives, for hints: {@code [sso-session corp] in ~/.aws/config}. */
    public String sessionWhere(String name) {
        return "[sso-session " + name + "] in " + config.displayPath();
    }

    private Optional<IniFile.Section> configProfileSection(String name) {
        IniFile.Section found = null;
        for (IniFile.Section s : config.sections()) {
            if (mayName(s.header(), name) && name.equals(profileName(s.header()))) {
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

    /** The last [KIND NAME] section (later sections win), or null. */
    private IniFile.Section prefixed(String kind, String name) {
        IniFile.Section found = null;
        for (IniFile.Section s : config.sections()) {
            SectionName n = mayName(s.header(), name) ? classify(s.header()) : null;
            if (n != null && n.kind().equals(kind) && n.name().equals(name)) {
                found = s;
            }
        }
        return found;
    }

    /**
     * False only when {@code header} cannot name {@code name}: without quotes or backslashes, the words shlex makes
     * of a header are pieces of it. A few indexOf calls instead of classifying every header at every lookup: a config
     * that populate wrote for 100 accounts has 300 of them (docs/performance.md).
     */
    static boolean mayName(String header, String name) {
        return header.contains(name) || header.indexOf('"') >= 0 || header.indexOf('\'') >= 0
                || header.indexOf('\\') >= 0;
    }

    /** What a config-file section is to botocore: a profile, an sso-session or a services section, and its name. */
    record SectionName(String kind, String name) {
    }

    /**
     * botocore's build_profile_map: a header that starts with "profile", "sso-session" or "services" (in that
     * order) and splits (shlex) into exactly two words names the second word; the first word is not checked, so
     * {@code [profiles dev]} is profile dev to the AWS CLI, and to us. {@code [default]} is the profile default.
     * Anything else is not a profile (null).
     */
    static SectionName classify(String header) {
        for (String kind : new String[] {"profile", "sso-session", "services"}) {
            if (header.startsWith(kind)) {
                Optional<List<String>> words = Shlex.split(header);
                return words.isPresent() && words.get().size() == 2 ? new SectionName(kind, words.get().get(1)) : null;
            }
        }
        return header.equals("default") ? new SectionName("profile", "default") : null;
    }

    /** The profile a config-file header names, or null. */
    static String profileName(String header) {
        SectionName n = classify(header);
        return n != null && n.kind().equals("profile") ? n.name() : null;
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
