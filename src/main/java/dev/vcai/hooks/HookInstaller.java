package dev.vcai.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;

/**
 * Places vcai's pre-receive and post-receive hooks where each server looks for them, with the paths of Java and the
 * vcai jar written in, and turns on push options (for {@code -o vcai.override=...}).
 *
 * <ul>
 *   <li>plain git: {@code hooks/pre-receive}; a hook already there is kept as {@code pre-receive.vcai-chained} and
 *       runs first;</li>
 *   <li>GitLab: {@code custom_hooks/pre-receive.d/vcai} (GitLab runs every hook in the directory);</li>
 *   <li>Gitea and Forgejo: {@code hooks/pre-receive.d/vcai}.</li>
 * </ul>
 */
public final class HookInstaller {
    public enum Server { GIT, GITLAB, GITEA }

    private static final String MARKER = "vcai-hook";
    private static final List<String> HOOKS = List.of("pre-receive", "post-receive");

    private HookInstaller() {
    }

    /** @return the files written */
    public static List<Path> install(Repository repository, Server server, Path java, Path jar, boolean failClosed, Long timeBudgetMillis)
            throws IOException {
        Path gitDir = repository.getDirectory().toPath();
        List<Path> written = new ArrayList<>();
        for (String hook : HOOKS) {
            String script = template(hook).replace("@JAVA@", singleQuoted(java)).replace("@VCAI_JAR@", singleQuoted(jar));
            Path target = switch (server) {
                case GIT -> gitDir.resolve("hooks").resolve(hook);
                case GITLAB -> gitDir.resolve("custom_hooks").resolve(hook + ".d").resolve("vcai");
                case GITEA -> gitDir.resolve("hooks").resolve(hook + ".d").resolve("vcai");
            };
            Files.createDirectories(target.getParent());
            if (server == Server.GIT && Files.exists(target) && !Files.readString(target, StandardCharsets.ISO_8859_1).contains(MARKER)) {
                Path chained = target.resolveSibling(hook + ".vcai-chained");
                Files.move(target, chained, StandardCopyOption.REPLACE_EXISTING);
                written.add(chained);
            }
            Path temporary = target.resolveSibling("." + target.getFileName() + ".vcai-tmp");
            Files.writeString(temporary, script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written.add(target);
        }
        StoredConfig config = repository.getConfig();
        config.setBoolean("receive", null, "advertisePushOptions", true);
        config.setBoolean("vcai", null, "failClosed", failClosed);
        if (timeBudgetMillis != null) {
            config.setLong("vcai", null, "timeBudget", timeBudgetMillis);
        }
        config.save();
        return written;
    }

    /** A path as the inside of a single-quoted shell word (the scripts write {@code JAVA='@JAVA@'}): a quote in it ends and reopens the word. */
    private static String singleQuoted(Path path) {
        return path.toString().replace("'", "'\\''");
    }

    private static String template(String hook) throws IOException {
        try (InputStream in = HookInstaller.class.getResourceAsStream("/dev/vcai/hooks/" + hook)) {
            if (in == null) {
                throw new IOException("this vcai build has no " + hook + " script inside");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
