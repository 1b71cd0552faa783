package dev.ssocred.doctor;

import dev.ssocred.config.IniFile;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of ~/.aws/config that need only its text: each finding names file:line and the exact fix, and carries
 * the edit when the fix is safe to apply ({@code doctor --fix}).
 */
public final class ConfigChecks {
    /** Keys whose hyphenated spelling people write and the AWS tools ignore. */
    static final Set<String> KNOWN = Set.of("sso_start_url", "sso_region", "sso_account_id", "sso_role_name",
            "sso_session", "sso_registration_scopes", "credential_process", "role_arn", "source_profile",
            "role_session_name", "external_id", "mfa_serial", "duration_seconds", "endpoint_url", "ca_bundle");
    static final String SCOPES = "sso_registration_scopes = sso:account:access";

    private final IniFile file;
    private final String path;
    private final int lineCount;

    public ConfigChecks(IniFile file, int lineCount) {
        this.file = file;
        this.path = file.displayPath();
        this.lineCount = lineCount;
    }

    public List<Finding> all() {
        List<Finding> out = new ArrayList<>();
        out.addAll(bareSections());
        out.addAll(hyphenatedKeys());
        out.addAll(legacyProfiles());
        out.addAll(sessionsWithoutScopes());
        out.addAll(missingSessions());
        return out;
    }

    /** {@code [dev]} in the config file: the AWS CLI and the SDKs ignore it. */
    List<Finding> bareSections() {
        List<Finding> out = new ArrayList<>();
        for (IniFile.Section s : file.sections()) {
            String h = s.header();
            boolean reserved = h.equals("default") || h.startsWith("profile") || h.startsWith("sso-session")
                    || h.startsWith("services") || h.equals("plugins") || h.equals("preview");
            boolean profileLike = s.properties().keySet().stream().anyMatch(k -> k.startsWith("sso") || k.equals("region")
                    || k.startsWith("aws_") || k.equals("credential_process") || k.equals("role_arn") || k.equals("output"));
            if (!reserved && profileLike && !h.contains(" ")) {
                boolean clash = file.sections().stream().anyMatch(o -> o.header().equals("profile " + h));
                out.add(new Finding(path + ":" + s.line(), "[" + h + "] is not a profile for the AWS CLI or the SDKs "
                        + "(in the config file a profile is [profile " + h + "])", "write [profile " + h + "]",
                        clash ? List.of() : List.of(TextEdit.replace(s.line(), "[profile " + h + "]")), null));
            }
        }
        return out;
    }

    /** {@code sso-start-url}: read by ssocred with a warning, ignored by everything else. */
    List<Finding> hyphenatedKeys() {
        List<Finding> out = new ArrayList<>();
        for (IniFile.Section s : file.sections()) {
            for (IniFile.Property p : s.properties().values()) {
                String canonical = p.key().replace('-', '_');
                if (!canonical.equals(p.key()) && KNOWN.contains(canonical)) {
                    boolean both = s.properties().containsKey(canonical);
                    out.add(new Finding(path + ":" + p.line(), "'" + p.key() + "' is ignored by the AWS CLI and the SDKs",
                            both ? "remove it: [" + s.header() + "] has " + canonical + " already" : "write " + canonical,
                            both || p.endLine() != p.line() ? List.of()
                                    : List.of(TextEdit.replace(p.line(), canonical + " = " + p.value())), null));
                }
            }
        }
        return out;
    }

    /**
     * Legacy profiles (start URL and region on the profile) never refresh: one login per 8 hours. The fix moves them
     * to an [sso-session] (an existing one with the same start URL and region, or a new one), which no tool offers.
     */
    List<Finding> legacyProfiles() {
        Map<String, String> sessionFor = new LinkedHashMap<>(); // "url region" -> existing or new session name
        for (IniFile.Section s : file.sections()) {
            if (s.header().startsWith("sso-session ") && s.get("sso_start_url").isPresent() && s.get("sso_region").isPresent()) {
                sessionFor.putIfAbsent(s.get("sso_start_url").get() + " " + s.get("sso_region").get(),
                        s.header().substring("sso-session ".length()).strip());
            }
        }
        List<Finding> out = new ArrayList<>();
        List<String> created = new ArrayList<>();
        for (IniFile.Section s : file.sections()) {
            boolean profile = s.header().equals("default") || s.header().startsWith("profile ");
            Optional<IniFile.Property> url = Optional.ofNullable(s.properties().get("sso_start_url"));
            Optional<IniFile.Property> region = Optional.ofNullable(s.properties().get("sso_region"));
            if (!profile || s.properties().containsKey("sso_session") || url.isEmpty() || region.isEmpty()) {
                continue;
            }
            String key = url.get().value() + " " + region.get().value();
            String name = sessionFor.get(key);
            List<TextEdit> edits = new ArrayList<>();
            if (name == null) {
                name = uniqueName(url.get().value(), sessionFor.values());
                sessionFor.put(key, name);
                created.add(name);
                edits.add(TextEdit.insertAfter(lineCount + 1, "", "[sso-session " + name + "]",
                        "sso_start_url = " + url.get().value(), "sso_region = " + region.get().value(), SCOPES));
            }
            edits.add(TextEdit.replace(url.get().line(), "sso_session = " + name));
            edits.add(TextEdit.replace(region.get().line()));
            boolean multiLine = url.get().endLine() != url.get().line() || region.get().endLine() != region.get().line();
            out.add(new Finding(path + ":" + s.line(), "[" + s.header() + "] keeps sso_start_url on the profile (a legacy "
                    + "profile): its token cannot be refreshed, so you sign in again every few hours",
                    "move it to [sso-session " + name + "] with " + SCOPES + " (then log in once more)",
                    multiLine ? List.of() : edits, null));
        }
        return out;
    }

    /** An [sso-session] without registration scopes gets no refresh token. */
    List<Finding> sessionsWithoutScopes() {
        List<Finding> out = new ArrayList<>();
        for (IniFile.Section s : file.sections()) {
            if (s.header().startsWith("sso-session ") && !s.properties().containsKey("sso_registration_scopes")) {
                out.add(new Finding(path + ":" + s.line(), "[" + s.header() + "] has no sso_registration_scopes, so its "
                        + "tokens cannot be refreshed", "add " + SCOPES + " (then log in once more)",
                        List.of(TextEdit.insertAfter(s.line(), SCOPES)), null));
            }
        }
        return out;
    }

    /** {@code sso_session = x} with no [sso-session x]. */
    List<Finding> missingSessions() {
        List<String> sessions = file.sections().stream().map(IniFile.Section::header)
                .filter(h -> h.startsWith("sso-session ")).map(h -> h.substring("sso-session ".length()).strip()).toList();
        List<Finding> out = new ArrayList<>();
        for (IniFile.Section s : file.sections()) {
            IniFile.Property p = s.properties().get("sso_session");
            if (p != null && !sessions.contains(p.value())) {
                out.add(Finding.advice(path + ":" + p.line(), "sso_session = " + p.value() + " names no [sso-session "
                        + p.value() + "]", sessions.isEmpty() ? "add [sso-session " + p.value() + "] with sso_start_url "
                        + "and sso_region" : "use one of: " + String.join(", ", sessions)));
            }
        }
        return out;
    }

    /** A session name from the start URL's first host label ({@code d-1234567890}), unique in the file. */
    static String uniqueName(String startUrl, java.util.Collection<String> taken) {
        String base;
        try {
            String host = URI.create(startUrl).getHost();
            base = host == null ? "sso" : host.split("\\.")[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        } catch (IllegalArgumentException e) {
            base = "sso";
        }
        String name = base;
        for (int i = 2; taken.contains(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }
}
