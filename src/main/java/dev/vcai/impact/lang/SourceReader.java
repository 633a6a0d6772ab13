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
        try {
            return switch (language) {
                case JAVA -> JvmSource.java(content);
                case KOTLIN -> JvmSource.kotlin(content);
                case SCRIPT -> ScriptSource.read(content);
                case PYTHON -> PythonSource.read(new String(content, StandardCharsets.UTF_8));
                case GO -> GoSource.read(content);
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
