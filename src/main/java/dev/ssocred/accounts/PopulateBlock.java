package dev.ssocred.accounts;

import dev.ssocred.config.IniFile;
import dev.ssocred.config.IniParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The block of ~/.aws/config that {@code ssocred populate} owns for one sso-session: native {@code [profile …]}
 * sections between two marker comments. Only the block is rewritten; every byte outside it stays as it was. A
 * generated name that a profile outside the block already has is skipped, never overwritten.
 */
public final class PopulateBlock {
    /** A profile in the block: its name and the assignment it stands for. */
    public record Entry(String name, String accountId, String roleName) {
    }

    /** The new text, and what changed, for the summary. */
    public record Plan(String text, List<String> added, List<String> removed, List<String> skipped) {
    }

    private PopulateBlock() {
    }

    static String begin(String session) {
        return "# >>> ssocred populate: sso-session " + session;
    }

    static String end(String session) {
        return "# <<< ssocred populate: sso-session " + session;
    }

    public static Plan apply(String text, String display, String session, List<AccountRole> roles, String nameFormat,
                             Optional<String> region, boolean prune) {
        IniParser.parse(text, display); // refuse to edit what we cannot read
        String nl = dev.ssocred.io.TextFiles.dominantNewline(text);
        // The block is found and replaced by offsets, so every byte around it (mixed line endings included) stays.
        int from = lineStart(text, begin(session), 0);
        int to = from < 0 ? -1 : lineStart(text, end(session), from);
        if (from >= 0 && to < 0) {
            throw dev.ssocred.SsocredException.config(display + ":" + (lineNumber(text, from)) + ": the ssocred populate "
                    + "block for sso-session " + session + " has no end marker", "add the line '" + end(session)
                    + "' after its last profile, or delete the block");
        }
        int blockEnd = from < 0 ? -1 : lineEnd(text, to);
        String oldBlock = from < 0 ? "" : text.substring(from, blockEnd);
        String outside = from < 0 ? text : text.substring(0, from) + text.substring(blockEnd);
        Set<String> taken = profilesIn(outside, display);
        Map<String, Entry> old = entries(oldBlock, display);

        Map<String, Entry> next = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (AccountRole r : roles) {
            String name = ProfileNames.name(nameFormat, r, session);
            if (taken.contains(name)) {
                skipped.add(name + " (a profile of that name exists outside the block)");
            } else if (next.containsKey(name)) {
                skipped.add(name + " (account " + r.accountId() + " role " + r.roleName() + " gives the same name as "
                        + "another; use --name-format with {account_id})");
            } else {
                next.put(name, new Entry(name, r.accountId(), r.roleName()));
            }
        }
        Set<String> assigned = new LinkedHashSet<>();
        next.values().forEach(e -> assigned.add(e.accountId() + "/" + e.roleName()));
        List<String> removed = new ArrayList<>();
        for (Entry e : old.values()) {
            boolean gone = !assigned.contains(e.accountId() + "/" + e.roleName());
            if (gone && prune) {
                removed.add(e.name());
            } else if (gone && !next.containsKey(e.name()) && !taken.contains(e.name())) {
                next.put(e.name(), e); // kept until --prune
            }
        }
        List<String> added = next.keySet().stream().filter(n -> !old.containsKey(n)).toList();
        List<String> block = render(session, next.values(), region);
        String newBlock = String.join(nl, block) + nl;
        String out;
        if (from >= 0) {
            out = text.substring(0, from) + newBlock + text.substring(blockEnd);
        } else {
            String sep = text.isEmpty() ? "" : (text.endsWith("\n") || text.endsWith("\r") ? "" : nl)
                    + (text.strip().isEmpty() || text.endsWith(nl + nl) ? "" : nl);
            out = text + sep + newBlock;
        }
        return new Plan(out, added, removed, skipped);
    }

    /** Offset of the line that is exactly {@code line} (its terminator aside), at or after {@code from}; -1 if none. */
    private static int lineStart(String text, String line, int from) {
        int i = from;
        while (i <= text.length()) {
            int found = text.indexOf(line, i);
            if (found < 0) {
                return -1;
            }
            boolean atStart = found == 0 || text.charAt(found - 1) == '\n' || text.charAt(found - 1) == '\r';
            int after = found + line.length();
            boolean atEnd = after == text.length() || text.charAt(after) == '\n' || text.charAt(after) == '\r';
            if (atStart && atEnd) {
                return found;
            }
            i = found + 1;
        }
        return -1;
    }

    /** Offset just past the line that starts at {@code start}, including its terminator. */
    private static int lineEnd(String text, int start) {
        int i = start;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '\r') {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '\n') {
            i++;
        }
        return i;
    }

    private static int lineNumber(String text, int offset) {
        int n = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                n++;
            }
        }
        return n;
    }

    private static List<String> render(String session, java.util.Collection<Entry> entries, Optional<String> region) {
        List<String> b = new ArrayList<>();
        b.add(begin(session));
        b.add("# Written by 'ssocred populate --sso-session " + session + "': changes between these markers are replaced.");
        for (Entry e : entries) {
            b.add("");
            b.add("[profile " + e.name() + "]");
            b.add("sso_session = " + session);
            b.add("sso_account_id = " + e.accountId());
            b.add("sso_role_name = " + e.roleName());
            region.ifPresent(r -> b.add("region = " + r));
        }
        b.add(end(session));
        return b;
    }

    private static Set<String> profilesIn(String text, String display) {
        Set<String> names = new LinkedHashSet<>();
        for (IniFile.Section s : IniParser.parse(text, display).sections()) {
            String h = s.header();
            if (h.equals("default")) {
                names.add("default");
            } else if (h.startsWith("profile ")) {
                names.add(h.substring("profile ".length()).strip());
            }
        }
        return names;
    }

    private static Map<String, Entry> entries(String block, String display) {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (IniFile.Section s : IniParser.parse(block, display).sections()) {
            if (s.header().startsWith("profile ") && s.get("sso_account_id").isPresent() && s.get("sso_role_name").isPresent()) {
                String name = s.header().substring("profile ".length()).strip();
                out.put(name, new Entry(name, s.get("sso_account_id").get(), s.get("sso_role_name").get()));
            }
        }
        return out;
    }
}
