package dev.vcai.impact.lang;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the import facts of one source file; never throws on bad input (a file that cannot be read has none). */
public final class SourceReader {
    /** Larger files are generated more often than written; they count at file level only. */
    public static final int MAX_BYTES = 1 << 20;

    private SourceReader() {
    }

    public static SourceFacts read(String path, byte[] content) {
        Language language = Language.of(path);
        if (language == Language.OTHER || content.length > MAX_BYTES || binary(content)) {
            return new SourceFacts(language, List.of(), List.of(), false);
        }
        String source = new String(content, StandardCharsets.UTF_8);
        try {
            return switch (language) {
                case JAVA -> JvmSource.java(source);
                case KOTLIN -> JvmSource.kotlin(source);
                case SCRIPT -> ScriptSource.read(source);
                case PYTHON -> PythonSource.read(source);
                case GO -> GoSource.read(source);
                case OTHER -> SourceFacts.NONE;
            };
        } catch (RuntimeException | StackOverflowError e) {
            return new SourceFacts(language, List.of(), List.of(), false);
        }
    }

    private static boolean binary(byte[] content) {
        for (int i = 0; i < Math.min(content.length, 8000); i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
