package dev.ssocred.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An AWS-style INI file after parsing: sections in file order, each with its properties in file order. Line numbers
 * are 1-based and kept so that every message can point at the place to fix.
 */
public record IniFile(String displayPath, List<Section> sections) {

    public IniFile {
        sections = List.copyOf(sections);
    }

    public static IniFile empty(String displayPath) {
        return new IniFile(displayPath, List.of());
    }

    /** The last section with exactly this header text; later sections win, as in the AWS CLI. */
    public Optional<Section> section(String header) {
        Section found = null;
        for (Section s : sections) {
            if (s.header().equals(header)) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }

    /** One {@code [header]} and the properties under it. Keys are lower-cased, as configparser stores them. */
    public record Section(String header, int line, Map<String, Property> properties) {
        public Section {
            // The parser's map is handed over, not shared: no copy (a config with 300 sections spent ~1 ms copying).
            properties = java.util.Collections.unmodifiableMap(properties instanceof HandedOver<String, Property>
                    ? properties : new java.util.LinkedHashMap<>(properties));
        }

        public Optional<String> get(String key) {
            Property p = properties.get(key);
            return p == null ? Optional.empty() : Optional.of(p.value());
        }
    }

    /**
     * One {@code key = value}. {@code value} is the raw joined text (continuation lines joined with newlines);
     * {@code nested} holds the parsed sub-properties when the value started on the next, indented line.
     * {@code endLine} is the last line that carries part of the value.
     */
    public record Property(String key, String value, int line, int endLine, Map<String, String> nested) {
        public Property {
            nested = nested == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nested));
        }

        /** Key and line only: credentials-file values are secrets (Section and IniFile print through this). */
        @Override
        public String toString() {
            return "Property[" + key + ", line " + line + "]";
        }
    }

    /**
     * A map whose maker lets go of it when it makes a {@link Section} of it (IniParser): the section keeps it as it is,
     * where any other map is copied. Package-private, so no one else can hand one over and keep changing it.
     */
    static final class HandedOver<K, V> extends java.util.LinkedHashMap<K, V> {
    }
}
