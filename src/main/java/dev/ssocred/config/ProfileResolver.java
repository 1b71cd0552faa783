package dev.ssocred.config;

import dev.ssocred.SsocredException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a profile name into the Identity Center settings it stands for, with the AWS CLI's validation: a session
 * overlay that must agree with the profile, and missing keys named together with the section they belong in.
 * What a credential_process call runs here is written without lambdas (see {@link AwsConfig}).
 */
public final class ProfileResolver {
    private static final String SESSION_KEY = "sso_session";
    private final AwsConfig config;
    private final Environment env;

    public ProfileResolver(AwsConfig config, Environment env) {
        this.config = config;
        this.env = env;
    }

    /** The CLI v2 order: --profile, then AWS_PROFILE, then AWS_DEFAULT_PROFILE, then "default". */
    public static String selectName(Optional<String> flag, Environment env) {
        if (flag.isPresent() && !flag.get().isEmpty()) {
            return flag.get();
        }
        Optional<String> named = env.get("AWS_PROFILE");
        if (named.isEmpty()) {
            named = env.get("AWS_DEFAULT_PROFILE");
        }
        return named.isPresent() ? named.get() : "default";
    }

    public Profile profile(String name) {
        Optional<Profile> p = config.profile(name);
        if (p.isEmpty()) {
            throw notFound(name);
        }
        return p.get();
    }

    /** The named profile, if either file has it. */
    public Optional<Profile> findProfile(String name) {
        return config.profile(name);
    }

    /** "did you mean 'dev'? " for a mistyped profile name, or nothing. */
    String didYouMean(String name) {
        return Suggest.closest(name, config.profileNames()).map(g -> "did you mean '" + g + "'? ").orElse("");
    }

    private SsocredException notFound(String name) {
        String variable = variableNaming(name);
        String fromEnv = variable == null ? "" : " (" + variable + " is '" + name + "')";
        if (!config.configExists() && config.profileNames().isEmpty()) {
            return SsocredException.config("profile '" + name + "' not found: the config file " + config.configPath()
                    + " does not exist" + fromEnv, "create " + config.configPath() + " with a [profile " + name
                    + "] section, or set AWS_CONFIG_FILE to the file you use");
        }
        List<String> names = config.profileNames();
        String hint = Suggest.closest(name, names).map(g -> "did you mean '" + g + "'? ").orElse("")
                + (variable == null ? "" : "change or unset " + variable + "; ")
                + (names.isEmpty() ? "add a [profile " + name + "] section to " + config.configPath()
                : "profiles there: " + shortList(names));
        return SsocredException.config("profile '" + name + "' not found in " + config.configPath() + fromEnv, hint);
    }

    /** The variable the profile name came from, when it plausibly did (see {@link #selectName}). */
    private String variableNaming(String name) {
        if (env.get("AWS_PROFILE").filter(name::equals).isPresent()) {
            return "AWS_PROFILE";
        }
        boolean fromDefault = env.get("AWS_PROFILE").isEmpty() && env.get("AWS_DEFAULT_PROFILE").filter(name::equals).isPresent();
        return fromDefault ? "AWS_DEFAULT_PROFILE" : null;
    }

    static String shortList(List<String> names) {
        return names.size() <= 12 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 12)) + " and " + (names.size() - 12) + " more";
    }

    /** Everything needed to fetch role credentials for {@code name}. */
    public SsoProfile forCredentials(String name) {
        return forCredentials(profile(name));
    }

    /** The same for a profile already looked up (the credential source resolver has it in hand). */
    SsoProfile forCredentials(Profile p) {
        String name = p.name();
        Map<String, Setting> merged = merged(p);
        List<String> missing = new ArrayList<>();
        for (String key : List.of("sso_account_id", "sso_role_name", "sso_start_url", "sso_region")) {
            if (!merged.containsKey(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw isSso(merged) ? missingKeys(p, missing) : NotSso.explain(p, config);
        }
        SsoSession session = session(p, merged);
        return new SsoProfile(name, session, merged.get("sso_account_id").value(), merged.get("sso_role_name").value(),
                p.get("region"), endpoints(p));
    }

    /** The session a login for profile {@code name} signs in to; account and role are not needed for that. */
    public SsoSession forLogin(String name) {
        Profile p = profile(name);
        Map<String, Setting> merged = merged(p);
        if (!isSso(merged)) {
            throw NotSso.explain(p, config);
        }
        List<String> missing = new ArrayList<>();
        for (String key : List.of("sso_start_url", "sso_region")) {
            if (!merged.containsKey(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw missingKeys(p, missing);
        }
        requireHttps(merged.get("sso_start_url"));
        return session(p, merged);
    }

    /** Any sso_ key (after the session overlay) makes it an Identity Center profile that is missing something. */
    private static boolean isSso(Map<String, Setting> merged) {
        for (String k : merged.keySet()) { // no stream on the credential_process path (SsoSession.parseScopes)
            if (k.startsWith("sso_")) {
                return true;
            }
        }
        return false;
    }

    /** The AWS CLI (2.35.13+) refuses to sign in to a start URL that is not https; so do we. */
    private static void requireHttps(Setting startUrl) {
        if (!startUrl.value().regionMatches(true, 0, "https://", 0, 8)) {
            throw SsocredException.config("sso_start_url must use https (" + startUrl.value() + " at "
                    + startUrl.location() + ")", "use the https:// start URL shown in the IAM Identity Center console");
        }
    }

    /** For {@code login --sso-session NAME}: the section must carry both the start URL and the region. */
    public SsoSession forSessionName(String sessionName) {
        Map<String, Setting> s = config.ssoSession(sessionName).orElseThrow(() -> unknownSession(sessionName, null));
        List<String> missing = new ArrayList<>();
        for (String key : List.of("sso_start_url", "sso_region")) {
            if (!s.containsKey(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw SsocredException.config("[sso-session " + sessionName + "] is missing " + String.join(", ", missing),
                    "add " + String.join(" and ", missing) + " to " + config.sessionWhere(sessionName));
        }
        requireHttps(s.get("sso_start_url"));
        return toSession(Optional.of(sessionName), s, config);
    }

    /**
     * Every Identity Center session the config knows, with the profiles that use it: each [sso-session] with a start
     * URL and region, and each legacy start URL (on a profile without sso_session). A session that cannot be read is
     * passed to {@code broken} and left out.
     */
    public Map<SsoSession, List<String>> sessions(java.util.function.Consumer<SsocredException> broken) {
        Map<SsoSession, List<String>> out = new LinkedHashMap<>();
        for (String name : config.sessionNames()) {
            try {
                out.put(forSessionName(name), new ArrayList<>());
            } catch (SsocredException e) {
                broken.accept(e);
            }
        }
        for (String name : config.profileNames()) {
            Profile p = config.profile(name).orElseThrow();
            if (!p.has(SESSION_KEY) && !p.has("sso_start_url")) {
                continue;
            }
            try {
                out.computeIfAbsent(forLogin(name), k -> new ArrayList<>()).add(name);
            } catch (SsocredException e) {
                broken.accept(e);
            }
        }
        return out;
    }

    /** A key of the session's [sso-session] section (none for legacy profiles), e.g. ssocred's own settings. */
    public Optional<String> sessionSetting(SsoSession session, String key) {
        // Plain code, not a chain of lambdas: a login reads its callback port here before its prompt.
        if (session.name().isEmpty()) {
            return Optional.empty();
        }
        Optional<Map<String, Setting>> section = config.ssoSession(session.name().get());
        Setting setting = section.isPresent() ? section.get().get(key) : null;
        return setting == null ? Optional.empty() : Optional.ofNullable(setting.value());
    }

    /** Endpoint overrides for clients acting for this profile. */
    public ServiceEndpoints endpoints(Profile p) {
        Map<String, Map<String, String>> services = Map.of();
        Optional<String> ignoreSetting = p.get("ignore_configured_endpoint_urls");
        boolean ignore = ignoreSetting.isPresent() && ignoreSetting.get().equalsIgnoreCase("true")
                || env.isTrue("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
        Optional<String> servicesName = ignore ? Optional.empty() : p.get("services");
        if (servicesName.isPresent()) {
            Optional<IniFile.Section> section = config.services(servicesName.get());
            if (section.isEmpty()) {
                throw SsocredException.config("profile '" + p.name() + "' uses services '" + servicesName.get()
                        + "', but there is no [services " + servicesName.get() + "] section", "add [services "
                        + servicesName.get() + "] to " + config.configPath() + ", or remove 'services' from " + p.where());
            }
            Map<String, Map<String, String>> map = new LinkedHashMap<>();
            for (Map.Entry<String, IniFile.Property> e : section.get().properties().entrySet()) {
                map.put(e.getKey(), e.getValue().nested());
            }
            services = map;
        }
        return new ServiceEndpoints(env, services, p.get("endpoint_url"), ignore, p.get("ca_bundle"));
    }

    public ServiceEndpoints endpointsFor(Optional<String> profileName) {
        return profileName.flatMap(config::profile).map(this::endpoints).orElse(ServiceEndpoints.fromEnvironment(env));
    }

    /** The profile's settings with its sso-session's overlaid, refusing values that disagree (as the AWS CLI does). */
    private Map<String, Setting> merged(Profile p) {
        Map<String, Setting> merged = new LinkedHashMap<>(p.settings());
        Optional<String> sessionName = p.get(SESSION_KEY);
        if (sessionName.isEmpty()) {
            return merged;
        }
        Optional<Map<String, Setting>> declared = config.ssoSession(sessionName.get());
        if (declared.isEmpty()) {
            throw unknownSession(sessionName.get(), p.settings().get(SESSION_KEY));
        }
        Map<String, Setting> session = declared.get();
        for (Map.Entry<String, Setting> e : session.entrySet()) {
            Setting mine = merged.get(e.getKey());
            // Hyphenated aliases are ssocred's courtesy: they neither override a real key nor trip the check.
            if (mine != null && (mine.alias() || e.getValue().alias())) {
                if (mine.alias() && !e.getValue().alias()) {
                    merged.put(e.getKey(), e.getValue());
                }
                continue;
            }
            if (mine != null && !mine.value().equals(e.getValue().value())) {
                boolean secret = e.getKey().contains("secret") || e.getKey().contains("token");
                throw SsocredException.config("the value for " + e.getKey() + " is inconsistent between profile '"
                        + p.name() + "' (" + (secret ? "***" : mine.value()) + ", " + mine.location()
                        + ") and sso-session '" + sessionName.get() + "' (" + (secret ? "***" : e.getValue().value())
                        + ", " + e.getValue().location() + ")",
                        "remove " + e.getKey() + " from " + p.where() + "; the sso-session's value applies");
            }
            merged.put(e.getKey(), e.getValue());
        }
        return merged;
    }

    private SsoSession session(Profile p, Map<String, Setting> merged) {
        Optional<String> name = p.get(SESSION_KEY);
        return toSession(name, merged, config);
    }

    private static SsoSession toSession(Optional<String> name, Map<String, Setting> s, AwsConfig config) {
        // Registration scopes only apply to sso-sessions; legacy profiles always get a non-refreshable token. A key
        // that is there but blank is [] to the AWS CLI ("in session_config", then parsed), not absent: the
        // registration file's name hashes the two differently.
        List<String> scopes = null;
        if (name.isPresent()) {
            Setting raw = s.get("sso_registration_scopes");
            if (raw != null) {
                scopes = SsoSession.parseScopes(raw.value());
            } else if (config.sessionDeclares(name.get(), "sso_registration_scopes")) {
                scopes = List.of();
            }
        }
        return new SsoSession(name, s.get("sso_start_url").value(), s.get("sso_region").value(), scopes);
    }

    private SsocredException missingKeys(Profile p, List<String> missing) {
        Optional<String> session = p.get(SESSION_KEY);
        List<String> onProfile = new ArrayList<>();
        List<String> onSession = new ArrayList<>();
        for (String key : missing) {
            if (session.isPresent() && (key.equals("sso_start_url") || key.equals("sso_region"))) {
                onSession.add(key);
            } else {
                onProfile.add(key);
            }
        }
        List<String> hints = new ArrayList<>();
        if (!onProfile.isEmpty()) {
            hints.add("add " + String.join(" and ", onProfile) + " to " + p.where());
        }
        if (!onSession.isEmpty()) {
            hints.add("add " + String.join(" and ", onSession) + " to " + config.sessionWhere(session.get()));
        }
        return SsocredException.config("profile '" + p.name() + "' is configured for IAM Identity Center but is missing "
                + String.join(", ", missing), String.join("; ", hints));
    }

    private SsocredException unknownSession(String name, Setting ref) {
        String where = ref == null ? "" : " (named at " + ref.location() + ")";
        List<String> known = config.sessionNames();
        String hint = known.isEmpty()
                ? "add [sso-session " + name + "] with sso_start_url and sso_region to " + config.configPath()
                : Suggest.closest(name, known).map(g -> "did you mean '" + g + "'? ").orElse("")
                + "sso-sessions in " + config.configPath() + ": " + shortList(known);
        return SsocredException.config("sso-session '" + name + "' does not exist" + where, hint);
    }
}
