package dev.ssocred.demo;

import java.util.regex.Pattern;

/** Shortens secret values in text shown to the user to their first four characters. */
final class Redact {
    private static final Pattern JSON = Pattern.compile(
            "(\"(?:accessToken|refreshToken|clientSecret|SecretAccessKey|SessionToken|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN)\":\\s*\")([^\"]{0,4})[^\"]*\"");
    private static final Pattern INI = Pattern.compile("((?:aws_secret_access_key|aws_session_token)\\s*=\\s*)(\\S{0,4})\\S*");
    private static final Pattern SHELL = Pattern.compile("((?:AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN)=')([^']{0,4})[^']*'");

    private Redact() {
    }

    static String text(String s) {
        s = JSON.matcher(s).replaceAll("$1$2…\"");
        s = INI.matcher(s).replaceAll("$1$2…");
        return SHELL.matcher(s).replaceAll("$1$2…'");
    }
}
