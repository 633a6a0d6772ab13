package dev.vcai.forge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A forge API token. Its value is only handed to the request classes of this package; {@link #toString()} never shows
 * it, and {@link #redact(String)} removes it from any text (messages, logs) before that text leaves this package.
 */
public final class Token {
    static final String MASK = "[redacted]";
    private final String value;
    private final String origin;

    private Token(String value, String origin) {
        this.value = value;
        this.origin = origin;
    }

    /** The token in the environment variable {@code name}; an {@link IllegalArgumentException} when unset or empty. */
    public static Token fromEnvironment(String name, Map<String, String> environment) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no token: the environment variable " + name + " is not set");
        }
        return new Token(value.strip(), "$" + name);
    }

    /** The token in a file (its first line; surrounding white space ignored). */
    public static Token fromFile(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8).strip();
        String value = content.lines().findFirst().orElse("").strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("no token: the file " + file + " is empty");
        }
        return new Token(value, file.toString());
    }

    /** A token given directly (tests, or a caller that read it elsewhere). */
    public static Token of(String value, String origin) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no token from " + origin);
        }
        return new Token(value.strip(), origin);
    }

    /** Where the token came from ("$GITHUB_TOKEN", a file name): safe to print. */
    public String origin() {
        return origin;
    }

    String reveal() {
        return value;
    }

    /** The text with every occurrence of the token replaced by a mask. */
    public String redact(String text) {
        return text == null ? null : text.replace(value, MASK);
    }

    @Override
    public String toString() {
        return "Token(" + origin + ")";
    }
}
