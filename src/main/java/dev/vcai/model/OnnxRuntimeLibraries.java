package dev.vcai.model;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * ONNX Runtime's environment, with its native libraries kept in a per-user cache.
 *
 * <p>Left alone, ONNX Runtime copies its 22 MB library out of the jar into a new temporary directory at every start:
 * about 0.3 s of CPU on each hook run, a directory left behind by every run, and the whole copy left behind by every
 * run that is killed. Here the libraries are copied once per version into {@code $XDG_CACHE_HOME/vcai/onnxruntime/}
 * (or {@code ~/.cache/...}) and ONNX Runtime is pointed at them. When that cannot be done (no writable home, not
 * running from jars) ONNX Runtime's own loading is used unchanged.
 */
public final class OnnxRuntimeLibraries {
    /** ONNX Runtime reads its libraries from this directory when the property is set. */
    static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";
    private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni");

    private OnnxRuntimeLibraries() {
    }

    /** The process's ONNX Runtime environment, its libraries loaded from the cache where possible. */
    public static OrtEnvironment environment() {
        useCache();
        return OrtEnvironment.getEnvironment();
    }

    private static synchronized void useCache() {
        if (System.getProperty(NATIVE_PATH_PROPERTY) != null) {
            return;
        }
        Path root = cacheRoot();
        if (root == null) {
            return;
        }
        try {
            Path directory = cache(root.resolve("vcai").resolve("onnxruntime"));
            if (directory != null) {
                System.setProperty(NATIVE_PATH_PROPERTY, directory.toString());
            }
        } catch (IOException | SecurityException e) {
            // ONNX Runtime then extracts its libraries itself, as it would without vcai's help.
        }
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg);
        }
        String home = System.getProperty("user.home");
        return home == null || home.isBlank() || home.equals("?") ? null : Path.of(home, ".cache");
    }

    /**
     * Copies this platform's libraries out of the jars into a directory under {@code root} named after their
     * checksums, unless an earlier run already did, and returns that directory; null when the libraries are not
     * in jars. Each file is written under a temporary name and renamed, so concurrent runs never see half a library.
     */
    static Path cache(Path root) throws IOException {
        StringBuilder key = new StringBuilder(platform());
        URL[] sources = new URL[LIBRARIES.size()];
        long[] sizes = new long[LIBRARIES.size()];
        for (int i = 0; i < LIBRARIES.size(); i++) {
            sources[i] = OrtEnvironment.class.getResource(resource(LIBRARIES.get(i)));
            if (sources[i] == null || !(sources[i].openConnection() instanceof JarURLConnection jar)) {
                return null;
            }
            // The jar's directory gives size and CRC without inflating the library.
            sizes[i] = jar.getJarEntry().getSize();
            key.append('-').append(Long.toHexString(jar.getJarEntry().getCrc()));
        }
        Path directory = root.resolve(key.toString());
        for (int i = 0; i < LIBRARIES.size(); i++) {
            Path target = directory.resolve(System.mapLibraryName(LIBRARIES.get(i)));
            if (Files.isRegularFile(target) && Files.size(target) == sizes[i]) {
                continue;
            }
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, target.getFileName().toString(), ".partial");
            try {
                URLConnection connection = sources[i].openConnection();
                connection.setUseCaches(false);
                try (InputStream in = connection.getInputStream()) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
        return directory;
    }

    private static String resource(String library) {
        return "/ai/onnxruntime/native/" + platform() + "/" + System.mapLibraryName(library);
    }

    /** The platform directory names ONNX Runtime's jar uses. */
    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osPart = os.contains("mac") || os.contains("darwin") ? "osx" : os.startsWith("windows") ? "win" : "linux";
        String archPart = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
        return osPart + "-" + archPart;
    }
}
