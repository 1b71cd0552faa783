package dev.ssocred.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What {@code --version} says: the version and the commit the build wrote into {@code build.properties} (a bug report
 * needs both), and the Java that is running, since ssocred runs on whatever {@code java} the launcher found. No
 * picocli here: {@link FastPath} answers {@code --version} without loading it.
 */
public final class BuildInfo {
    private BuildInfo() {
    }

    public static String[] lines() {
        Properties build = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/dev/ssocred/build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            // a development build run from classes without resources: say so below
        }
        String version = known(build.getProperty("version"), "development build");
        String commit = known(build.getProperty("commit"), "unknown");
        return new String[] {"ssocred " + version + " (commit " + commit + ")",
                "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ") at "
                        + System.getProperty("java.home")};
    }

    /** Maven leaves ${...} in place when the build could not fill it (no git, a source tarball). */
    private static String known(String value, String otherwise) {
        return value == null || value.isBlank() || value.startsWith("${") ? otherwise : value;
    }
}
