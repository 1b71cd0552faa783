package dev.ssocred.cli;

import dev.ssocred.config.Environment;
import dev.ssocred.sso.Browser;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Opens a URL the way Python's webbrowser module (and so the AWS CLI) does for the user: {@code $BROWSER} first
 * (a colon-separated list of commands, {@code %s} replaced by the URL), then the platform's opener. The child's
 * output is discarded so it can never reach our stdout.
 */
final class SystemBrowser implements Browser {
    private final Environment env;

    SystemBrowser(Environment env) {
        this.env = env;
    }

    @Override
    public boolean open(String url) {
        for (List<String> command : candidates(url)) {
            if (start(command)) {
                return true;
            }
        }
        return false;
    }

    List<List<String>> candidates(String url) {
        List<List<String>> out = new ArrayList<>();
        env.get("BROWSER").ifPresent(b -> {
            for (String cmd : b.split(File.pathSeparator)) {
                if (!cmd.isBlank()) {
                    List<String> words = new ArrayList<>(List.of(cmd.strip().split("\\s+")));
                    boolean placeholder = words.stream().anyMatch(w -> w.contains("%s"));
                    words.replaceAll(w -> w.replace("%s", url));
                    if (!placeholder) {
                        words.add(url);
                    }
                    out.add(words);
                }
            }
        });
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            out.add(List.of("open", url));
        } else if (os.contains("win")) {
            out.add(List.of("rundll32", "url.dll,FileProtocolHandler", url));
        } else {
            out.add(List.of("wslview", url)); // WSL: the Windows browser (xdg-open there often fails, aws-cli#10242)
            out.add(List.of("xdg-open", url));
        }
        return out;
    }

    private static boolean start(List<String> command) {
        try {
            new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
