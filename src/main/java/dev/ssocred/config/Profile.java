package dev.ssocred.config;

import java.util.Map;
import java.util.Optional;

/**
 * One profile's settings after merging the config and credentials files. {@code where} names the section for
 * hints ({@code [profile dev] in ~/.aws/config}). toString lists key names only: values may be secrets.
 */
public record Profile(String name, String header, String where, Map<String, Setting> settings) {

    public Profile {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }

    public Optional<String> get(String key) {
        Setting s = settings.get(key);
        return s == null ? Optional.empty() : Optional.of(s.value());
    }

    public boolean has(String key) {
        return settings.containsKey(key);
    }

    @Override
    public String toString() {
        return "Profile[" + name + ", keys=" + settings.keySet() + "]";
    }
}
