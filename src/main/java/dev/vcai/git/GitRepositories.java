package dev.vcai.git;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * Opens repositories the way git itself finds them, so that vcai sees what git sees.
 *
 * <p>Honours {@code GIT_DIR}, {@code GIT_WORK_TREE}, {@code GIT_OBJECT_DIRECTORY} and
 * {@code GIT_ALTERNATE_OBJECT_DIRECTORIES}: inside a pre-receive hook git points the object directory at its
 * quarantine and lists the real one as an alternate, and the pushed objects are only visible through both.
 * Relative values are resolved against the directory vcai was asked to work in ({@code -C}), as git does.
 */
public final class GitRepositories {
    private static volatile Thread systemConfigSearch;

    private GitRepositories() {
    }

    /**
     * Starts JGit's search for git's system-wide config on its own thread. The search runs {@code git --version} and
     * {@code git config --system} (some 30 ms), which otherwise delay the first {@link #open} of a command-line run;
     * started first thing, it overlaps the JVM's start and the parsing of the arguments.
     */
    public static void findSystemConfigEarly() {
        String noSystem = System.getenv(Constants.GIT_CONFIG_NOSYSTEM_KEY);
        if (noSystem != null && !noSystem.isEmpty()) {
            return; // JGit reads no system config then, and searches for none
        }
        // A lambda, not FS.DETECTED::getGitSystemConfig, which would initialise JGit's FS (some 40 ms) on this thread.
        Thread search = new Thread(() -> FS.DETECTED.getGitSystemConfig(), "vcai-git-system-config");
        search.setDaemon(true);
        systemConfigSearch = search;
        search.start();
    }

    public static Repository open(Path workingDirectory, Map<String, String> environment) throws GitError {
        awaitSystemConfigSearch();
        Path base = workingDirectory.toAbsolutePath().normalize();
        if (!Files.isDirectory(base)) {
            throw new GitError(GitError.Kind.NOT_A_REPOSITORY, "cannot change to '" + workingDirectory + "': no such directory");
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder();
        String gitDir = environment.get("GIT_DIR");
        if (present(gitDir)) {
            File dir = resolve(base, gitDir);
            builder.setGitDir(dir.isFile() ? readGitFile(dir) : dir);
        } else {
            builder.findGitDir(base.toFile());
        }
        String workTree = environment.get("GIT_WORK_TREE");
        if (present(workTree)) {
            builder.setWorkTree(resolve(base, workTree));
        }
        String objects = environment.get("GIT_OBJECT_DIRECTORY");
        if (present(objects)) {
            builder.setObjectDirectory(resolve(base, objects));
        }
        String alternates = environment.get("GIT_ALTERNATE_OBJECT_DIRECTORIES");
        if (present(alternates)) {
            for (String alternate : alternates.split(File.pathSeparator)) {
                if (!alternate.isEmpty()) {
                    builder.addAlternateObjectDirectory(resolve(base, alternate));
                }
            }
        }
        if (builder.getGitDir() == null) {
            throw new GitError(GitError.Kind.NOT_A_REPOSITORY,
                    "not a git repository (or any parent up to /): " + base + "; run vcai inside a repository or pass -C <dir>");
        }
        builder.setMustExist(true);
        checkConfig(new File(builder.getGitDir(), "config"));
        try {
            Repository repository = builder.build();
            repository.getConfig().load();
            return repository;
        } catch (RepositoryNotFoundException e) {
            throw new GitError(GitError.Kind.NOT_A_REPOSITORY,
                    "not a git repository: " + builder.getGitDir() + "; check the path or GIT_DIR", e);
        } catch (ConfigInvalidException e) {
            throw new GitError(GitError.Kind.INVALID_CONFIG,
                    "cannot read the repository's config (" + new File(builder.getGitDir(), "config") + "): "
                            + firstLine(e) + "; fix it with 'git config --edit'", e);
        } catch (IllegalArgumentException e) {
            // The config parsed (checkConfig read it): JGit refuses one of its values, as git does ("core.bare=maybe").
            throw new GitError(GitError.Kind.INVALID_CONFIG, "cannot read the repository's config (" + new File(builder.getGitDir(), "config")
                    + "): " + firstLine(e) + "; fix it with 'git config --edit'", e);
        } catch (IOException e) {
            throw new GitError(GitError.Kind.NOT_A_REPOSITORY,
                    "cannot open the repository at " + builder.getGitDir() + ": " + firstLine(e), e);
        }
    }

    /**
     * The remote a partial clone (cloned with {@code --filter}) fetches its left-out objects from
     * ({@code remote.<name>.promisor}), or null for a complete repository. JGit cannot fetch them: a missing object
     * there is not damage.
     */
    public static String partialCloneRemote(Repository repository) {
        StoredConfig config = repository.getConfig();
        for (String remote : config.getSubsections("remote")) {
            if (config.getBoolean("remote", remote, "promisor", false)) {
                return remote;
            }
        }
        return config.getString("extensions", null, "partialclone");
    }

    /**
     * JGit reports a config it cannot parse while building the repository as an IllegalArgumentException or an
     * IOException, indistinguishable from a missing repository; read it first to say what is wrong.
     */
    private static void checkConfig(File config) throws GitError {
        if (!config.isFile()) {
            return;
        }
        try {
            FileBasedConfig parsed = new FileBasedConfig(config, FS.DETECTED);
            parsed.load();
            long version = parsed.getLong("core", null, "repositoryformatversion", 0);
            if (version > 1) {
                throw new GitError(GitError.Kind.INVALID_CONFIG, "cannot read the repository's config (" + config
                        + "): core.repositoryformatversion is " + version + ", and git knows 0 and 1; fix it with 'git config --edit'", null);
            }
            String objectFormat = parsed.getString("extensions", null, "objectformat");
            if (version == 1 && objectFormat != null && !objectFormat.equalsIgnoreCase("sha1")) {
                throw new GitError(GitError.Kind.NOT_A_REPOSITORY, config.getParentFile() + " names its objects with "
                        + objectFormat.toUpperCase(java.util.Locale.ROOT) + " (extensions.objectFormat), which JGit, the Git library vcai reads with, cannot read yet", null);
            }
        } catch (IllegalArgumentException e) {
            throw new GitError(GitError.Kind.INVALID_CONFIG, "cannot read the repository's config (" + config + "): "
                    + firstLine(e) + "; fix it with 'git config --edit'", e);
        } catch (ConfigInvalidException e) {
            Throwable detail = e.getCause() != null ? e.getCause() : e;
            throw new GitError(GitError.Kind.INVALID_CONFIG, "cannot read the repository's config (" + config + "): "
                    + firstLine(detail) + "; fix it with 'git config --edit'", e);
        } catch (IOException e) {
            // Unreadable for another reason: building the repository reports it.
        }
    }

    /** Lets a search started early finish, rather than have JGit start a second one for this open. */
    private static void awaitSystemConfigSearch() {
        Thread search = systemConfigSearch;
        if (search != null) {
            try {
                search.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** GIT_DIR may name a ".git" file (linked worktree, submodule checkout) holding "gitdir: path", as git allows. */
    private static File readGitFile(File file) throws GitError {
        String content;
        try {
            content = Files.readString(file.toPath()).strip();
        } catch (IOException e) {
            throw new GitError(GitError.Kind.NOT_A_REPOSITORY, "cannot read " + file + ": " + firstLine(e) + "; check GIT_DIR", e);
        }
        if (!content.startsWith("gitdir:")) {
            throw new GitError(GitError.Kind.NOT_A_REPOSITORY,
                    "not a git repository: " + file + " is a file but not a gitfile ('gitdir: <path>'); check GIT_DIR");
        }
        return file.toPath().getParent().resolve(content.substring("gitdir:".length()).strip()).normalize().toFile();
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    private static File resolve(Path base, String path) {
        return base.resolve(path).normalize().toFile();
    }
}
