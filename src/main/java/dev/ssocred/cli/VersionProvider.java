package dev.ssocred.cli;

import picocli.CommandLine.IVersionProvider;

/** picocli's {@code --version} (after other options, or in {@code help}); the text is {@link BuildInfo}'s. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return BuildInfo.lines();
    }
}
