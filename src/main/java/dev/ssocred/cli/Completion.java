package dev.ssocred.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Shell completion scripts written from the picocli command model, so they cannot drift from the commands. Profile
 * and sso-session names are read from the config files when the shell completes (with sed, not by starting a JVM),
 * honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE as ssocred does.
 */
final class Completion {
    private Completion() {
    }

    /** What a value or argument completes to. */
    enum Kind { NONE, PROFILE, SESSION, WORDS, ANY }

    record Opt(List<String> names, Kind kind, List<String> words) {
    }

    record Verb(String name, List<String> aliases, List<Opt> options, Kind argument, List<String> words) {
    }

    static List<Verb> verbs(CommandLine root) {
        List<Verb> out = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : distinct(root).entrySet()) {
            CommandSpec spec = e.getValue().getCommandSpec();
            if (spec.usageMessage().hidden()) {
                continue;
            }
            List<Opt> options = spec.options().stream().filter(o -> !o.hidden()).map(Completion::option).toList();
            Kind argument = Kind.NONE;
            List<String> words = List.of();
            if (e.getKey().equals("help")) {
                argument = Kind.WORDS;
                words = List.copyOf(distinct(root).keySet());
            } else if (e.getKey().equals("completion")) {
                argument = Kind.WORDS;
                words = List.of("bash", "zsh", "fish");
            } else if (spec.positionalParameters().stream().anyMatch(p -> p.paramLabel().contains("PROFILE"))) {
                argument = Kind.PROFILE;
            }
            out.add(new Verb(e.getKey(), List.of(spec.aliases()), options, argument, words));
        }
        return out;
    }

    /** Subcommands by their primary name (picocli lists aliases as keys too). */
    private static Map<String, CommandLine> distinct(CommandLine root) {
        Map<String, CommandLine> out = new LinkedHashMap<>();
        root.getSubcommands().forEach((name, cl) -> out.putIfAbsent(cl.getCommandName(), cl));
        return out;
    }

    static Opt option(OptionSpec o) {
        List<String> names = List.of(o.names());
        if (o.arity().max() == 0) {
            return new Opt(names, Kind.NONE, List.of());
        }
        if (names.contains(Verbs.PROFILE)) {
            return new Opt(names, Kind.PROFILE, List.of());
        }
        if (names.contains("--sso-session")) {
            return new Opt(names, Kind.SESSION, List.of());
        }
        if (names.contains(Verbs.FORMAT)) {
            return new Opt(names, Kind.WORDS, List.of("bash", "zsh", "fish", "powershell", "cmd", "dotenv", "json"));
        }
        if (o.paramLabel().matches("[a-z]+(\\|[a-z]+)+")) { // --output text|json
            return new Opt(names, Kind.WORDS, List.of(o.paramLabel().split("\\|")));
        }
        return new Opt(names, Kind.ANY, List.of());
    }

    /** sed expressions for {@code [profile NAME]} and {@code [sso-session NAME]} (quotes around NAME dropped). */
    private static final String PROFILE_HEADER =
            "'s/^[[:space:]]*\\[profile[[:space:]][[:space:]]*\"\\{0,1\\}\\([^]\"]*\\)\"\\{0,1\\}[[:space:]]*\\].*/\\1/p'";
    private static final String SESSION_HEADER =
            "'s/^[[:space:]]*\\[sso-session[[:space:]][[:space:]]*\"\\{0,1\\}\\([^]\"]*\\)\"\\{0,1\\}[[:space:]]*\\].*/\\1/p'";
    /** POSIX shell: the profile names of the config and credentials files, one a line. */
    private static final String PROFILES_SED = "{ sed -n -e " + PROFILE_HEADER
            + " -e 's/^[[:space:]]*\\[\\(default\\)\\].*/\\1/p' \"${AWS_CONFIG_FILE:-$HOME/.aws/config}\" 2>/dev/null; "
            + "sed -n -e 's/^[[:space:]]*\\[\\([^]]*\\)\\].*/\\1/p' "
            + "\"${AWS_SHARED_CREDENTIALS_FILE:-$HOME/.aws/credentials}\" 2>/dev/null; } | sort -u";
    private static final String SESSIONS_SED = "sed -n " + SESSION_HEADER
            + " \"${AWS_CONFIG_FILE:-$HOME/.aws/config}\" 2>/dev/null | sort -u";

    static String bash(CommandLine root) {
        List<Verb> verbs = verbs(root);
        StringBuilder sb = new StringBuilder();
        sb.append("# bash completion for ssocred (written by 'ssocred completion bash')\n");
        sb.append("_ssocred_profiles() { ").append(PROFILES_SED).append("; }\n");
        sb.append("_ssocred_sessions() { ").append(SESSIONS_SED).append("; }\n");
        // One name a line, so that a profile with a space stays one word; a space is escaped as bash inserts it.
        // read, not "for n in $(...)": a name is never split or glob-expanded ([profile *] is a profile name too).
        sb.append("_ssocred_names() { local n; COMPREPLY=(); while IFS= read -r n; do "
                + "case $n in \"$cur\"*) COMPREPLY+=(\"${n// /\\\\ }\") ;; esac; done < <(\"$1\"); }\n");
        sb.append("_ssocred() {\n");
        sb.append("  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" verb=\"\" i=1\n");
        sb.append("  while [ \"$i\" -lt \"$COMP_CWORD\" ]; do\n");
        sb.append("    case \"${COMP_WORDS[i]}\" in\n");
        sb.append("      -p|--profile) i=$((i + 2)); continue ;;\n");
        sb.append("      -*) ;;\n");
        sb.append("      *) verb=\"${COMP_WORDS[i]}\"; break ;;\n");
        sb.append("    esac\n    i=$((i + 1))\n  done\n");
        sb.append("  [ \"$prev\" = \"--\" ] && [ \"$verb\" = exec ] && return 0\n");
        sb.append("  case \"$prev\" in\n");
        Map<String, String> valueCases = new LinkedHashMap<>();
        List<Opt> all = new ArrayList<>(root.getCommandSpec().options().stream().map(Completion::option).toList());
        verbs.forEach(v -> all.addAll(v.options()));
        for (Opt o : all) {
            String action = switch (o.kind()) {
                case PROFILE -> "_ssocred_names _ssocred_profiles; return 0";
                case SESSION -> "_ssocred_names _ssocred_sessions; return 0";
                case WORDS -> "COMPREPLY=($(compgen -W \"" + String.join(" ", o.words()) + "\" -- \"$cur\")); return 0";
                case ANY -> "return 0";
                case NONE -> null;
            };
            if (action != null) {
                o.names().forEach(n -> valueCases.putIfAbsent(n, action));
            }
        }
        Map<String, List<String>> byAction = new LinkedHashMap<>();
        valueCases.forEach((n, a) -> byAction.computeIfAbsent(a, k -> new ArrayList<>()).add(n));
        byAction.forEach((a, names) -> sb.append("    ").append(String.join("|", names)).append(") ").append(a).append(" ;;\n"));
        sb.append("  esac\n");
        String verbWords = verbs.stream().map(Verb::name).collect(Collectors.joining(" "));
        String rootOptions = optionWords(root.getCommandSpec().options().stream().map(Completion::option).toList());
        sb.append("  if [ -z \"$verb\" ]; then\n");
        sb.append("    COMPREPLY=($(compgen -W \"").append(verbWords).append(" ").append(rootOptions)
                .append("\" -- \"$cur\")); return 0\n  fi\n");
        sb.append("  case \"$verb\" in\n");
        for (Verb v : verbs) {
            List<String> names = new ArrayList<>(v.aliases());
            names.add(0, v.name());
            String argument = switch (v.argument()) {
                case PROFILE -> "profiles";
                case WORDS -> String.join(" ", v.words());
                default -> "";
            };
            sb.append("    ").append(String.join("|", names)).append(") opts=\"").append(optionWords(v.options()))
                    .append("\"; args=\"").append(argument).append("\" ;;\n");
        }
        sb.append("    *) opts=\"\"; args=\"\" ;;\n  esac\n");
        sb.append("  case \"$cur\" in\n");
        sb.append("    -*) COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\")) ;;\n");
        sb.append("    *) if [ \"$args\" = profiles ]; then _ssocred_names _ssocred_profiles; "
                + "else COMPREPLY=($(compgen -W \"$args\" -- \"$cur\")); fi ;;\n  esac\n");
        sb.append("}\ncomplete -F _ssocred ssocred\n");
        return sb.toString();
    }

    /**
     * A native zsh completion ({@code _arguments}): works autoloaded from a directory on {@code fpath} (the .deb's
     * vendor-completions) and sourced ({@code source <(ssocred completion zsh)}), which registers it with compdef.
     */
    static String zsh(CommandLine root) {
        List<Verb> verbs = verbs(root);
        StringBuilder sb = new StringBuilder("#compdef ssocred\n# zsh completion for ssocred (written by 'ssocred completion zsh')\n");
        sb.append("_ssocred_profiles() { local -a p; p=(${(f)\"$(").append(PROFILES_SED).append(")\"}); compadd -a p; }\n");
        sb.append("_ssocred_sessions() { local -a s; s=(${(f)\"$(").append(SESSIONS_SED).append(")\"}); compadd -a s; }\n");
        sb.append("_ssocred() {\n  local curcontext=\"$curcontext\" state line\n  local -a verbs\n  verbs=(\n");
        for (Verb v : verbs) {
            sb.append("    ").append(zshQuote(v.name() + ":" + firstLine(root, v.name()).replace(":", "\\:"))).append('\n');
        }
        sb.append("  )\n  _arguments -C ").append(zshOptions(root.getCommandSpec().options().stream()
                .map(Completion::option).toList())).append(" '1:command:->verb' '*::argument:->args'\n");
        sb.append("  case $state in\n    verb) _describe -t commands 'ssocred command' verbs ;;\n    args)\n");
        sb.append("      case $words[1] in\n");
        for (Verb v : verbs) {
            List<String> names = new ArrayList<>(v.aliases());
            names.add(0, v.name());
            String argument = switch (v.argument()) {
                case PROFILE -> " '1:profile:_ssocred_profiles'";
                case WORDS -> " '1:argument:(" + String.join(" ", v.words()) + ")'";
                default -> "";
            };
            if (v.name().equals("exec")) {
                argument = " '1:profile:_ssocred_profiles' '*::command:_normal'";
            }
            sb.append("        ").append(String.join("|", names)).append(") _arguments ").append(zshOptions(v.options()))
                    .append(argument).append(" ;;\n");
        }
        sb.append("      esac ;;\n  esac\n}\n");
        sb.append("if [ \"${funcstack[1]}\" = _ssocred ]; then _ssocred \"$@\"; else compdef _ssocred ssocred; fi\n");
        return sb.toString();
    }

    private static String zshOptions(List<Opt> options) {
        List<String> specs = new ArrayList<>();
        for (Opt o : options) {
            String value = switch (o.kind()) {
                case PROFILE -> ":profile:_ssocred_profiles";
                case SESSION -> ":sso-session:_ssocred_sessions";
                case WORDS -> ":value:(" + String.join(" ", o.words()) + ")";
                case ANY -> ":value: ";
                case NONE -> "";
            };
            String names = o.names().size() == 1 ? o.names().get(0) : "{" + String.join(",", o.names()) + "}";
            String exclusive = o.names().size() == 1 ? "" : "'(" + String.join(" ", o.names()) + ")'";
            specs.add(exclusive + names + (value.isEmpty() ? "" : "'" + value + "'"));
        }
        return String.join(" ", specs);
    }

    private static String zshQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String firstLine(CommandLine root, String verb) {
        CommandSpec spec = root.getSubcommands().get(verb).getCommandSpec();
        String[] header = spec.usageMessage().header();
        String[] description = spec.usageMessage().description();
        return header.length > 0 ? header[0] : description.length > 0 ? description[0] : "";
    }

    static String fish(CommandLine root) {
        List<Verb> verbs = verbs(root);
        StringBuilder sb = new StringBuilder("# fish completion for ssocred (written by 'ssocred completion fish')\n");
        sb.append("function __ssocred_files\n    set -l config $AWS_CONFIG_FILE; test -n \"$config\"; or set config ~/.aws/config\n"
                + "    set -l credentials $AWS_SHARED_CREDENTIALS_FILE; test -n \"$credentials\"; or set credentials "
                + "~/.aws/credentials\n    echo $config; echo $credentials\nend\n");
        sb.append("function __ssocred_profiles\n    set -l f (__ssocred_files)\n    begin; sed -n -e ")
                .append(PROFILE_HEADER).append(" -e 's/^[[:space:]]*\\[\\(default\\)\\].*/\\1/p' $f[1] 2>/dev/null; ")
                .append("sed -n -e 's/^[[:space:]]*\\[\\([^]]*\\)\\].*/\\1/p' $f[2] 2>/dev/null; end | sort -u\nend\n");
        sb.append("function __ssocred_sessions\n    set -l f (__ssocred_files)\n    sed -n ").append(SESSION_HEADER)
                .append(" $f[1] 2>/dev/null | sort -u\nend\n");
        sb.append("complete -c ssocred -f\n");
        String all = verbs.stream().map(Verb::name).collect(Collectors.joining(" "));
        for (Verb v : verbs) {
            String first = firstLine(root, v.name());
            sb.append("complete -c ssocred -n \"not __fish_seen_subcommand_from ").append(all).append("\" -a ")
                    .append(v.name()).append(" -d ").append(fishQuote(first)).append('\n');
        }
        fishOptions(sb, "__fish_use_subcommand", root.getCommandSpec().options().stream().map(Completion::option).toList());
        for (Verb v : verbs) {
            List<String> names = new ArrayList<>(v.aliases());
            names.add(0, v.name());
            String when = "__fish_seen_subcommand_from " + String.join(" ", names);
            fishOptions(sb, when, v.options());
            String args = switch (v.argument()) {
                case PROFILE -> "(__ssocred_profiles)";
                case WORDS -> String.join(" ", v.words());
                default -> null;
            };
            if (args != null) {
                sb.append("complete -c ssocred -n \"").append(when).append("\" -a \"").append(args).append("\"\n");
            }
        }
        return sb.toString();
    }

    private static void fishOptions(StringBuilder sb, String when, List<Opt> options) {
        for (Opt o : options) {
            sb.append("complete -c ssocred -n \"").append(when).append('"');
            for (String n : o.names()) {
                sb.append(n.startsWith("--") ? " -l " + n.substring(2) : " -s " + n.substring(1));
            }
            switch (o.kind()) {
                case PROFILE -> sb.append(" -x -a \"(__ssocred_profiles)\"");
                case SESSION -> sb.append(" -x -a \"(__ssocred_sessions)\"");
                case WORDS -> sb.append(" -x -a \"").append(String.join(" ", o.words())).append('"');
                case ANY -> sb.append(" -r");
                default -> { }
            }
            sb.append('\n');
        }
    }

    private static String optionWords(List<Opt> options) {
        return options.stream().flatMap(o -> o.names().stream()).collect(Collectors.joining(" "));
    }

    private static String fishQuote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
