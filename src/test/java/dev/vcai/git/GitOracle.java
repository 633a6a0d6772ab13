package dev.vcai.git;

import dev.vcai.testing.GitRepo;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the git CLI itself says about a repository, to compare {@link CommitReader} with, and a short way to read. */
final class GitOracle {
    private GitOracle() {
    }

    /** {@code count} numbered lines: "prefix 1\n", "prefix 2\n", ... */
    static String lines(String prefix, int count) {
        return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> prefix + " " + i + "\n")
                .collect(java.util.stream.Collectors.joining());
    }

    /** One line of {@code git log --numstat -M}: -1 counts for a binary file. */
    record Numstat(String path, String oldPath, int added, int deleted) {
        static Numstat of(FileDiff file) {
            return new Numstat(file.path(), file.oldPath(), file.added(), file.deleted());
        }
    }

    /** {@code git log --numstat -M -z --format=%H --diff-merges=first-parent revisions...}, by commit id. */
    static Map<String, List<Numstat>> numstat(GitRepo repo, String... revisions) {
        List<String> args = new ArrayList<>(List.of("log", "--numstat", "-M", "-z", "--format=%H", "--diff-merges=first-parent"));
        args.addAll(Arrays.asList(revisions));
        byte[] out = repo.run(Map.of(), null, args.toArray(String[]::new)).requireSuccess().output();
        Map<String, List<Numstat>> commits = new LinkedHashMap<>();
        List<String> tokens = tokens(out);
        List<Numstat> current = null;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token.isEmpty()) {
                continue;
            }
            if (token.matches("[0-9a-f]{40}")) {
                current = new ArrayList<>();
                commits.put(token, current);
                continue;
            }
            String[] fields = token.split("\t", -1);
            int added = fields[0].equals("-") ? -1 : Integer.parseInt(fields[0]);
            int deleted = fields[1].equals("-") ? -1 : Integer.parseInt(fields[1]);
            if (fields[2].isEmpty()) {
                current.add(new Numstat(tokens.get(i + 2), tokens.get(i + 1), added, deleted));
                i += 2;
            } else {
                current.add(new Numstat(fields[2], null, added, deleted));
            }
        }
        return commits;
    }

    /** The numstat of one commit. */
    static List<Numstat> numstatOf(GitRepo repo, String commit) {
        List<Numstat> files = numstat(repo, "-1", commit).get(repo.git("rev-parse", commit));
        if (files == null) {
            throw new AssertionError("git log printed nothing for " + commit);
        }
        return files;
    }

    static List<Numstat> numstatOf(CommitDiff commit) {
        return commit.files().stream().map(Numstat::of).toList();
    }

    /** {@code git rev-list args...}. */
    static List<String> revList(GitRepo repo, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "rev-list";
        System.arraycopy(args, 0, all, 1, args.length);
        return repo.run(Map.of(), null, all).requireSuccess().lines();
    }

    static List<String> ids(RangeRead read) {
        return read.commits().stream().map(CommitDiff::id).toList();
    }

    static RangeRead read(GitRepo repo, LogQuery query) throws GitError {
        return read(repo, query, DiffLimits.DEFAULT);
    }

    static RangeRead read(GitRepo repo, LogQuery query, DiffLimits limits) throws GitError {
        try (var repository = GitRepositories.open(repo.dir(), Map.of());
             CommitReader reader = new CommitReader(repository, limits)) {
            return reader.read(query, CommitReader.ReadProgress.NONE);
        }
    }

    static CommitDiff readOne(GitRepo repo, String revision) throws GitError {
        List<CommitDiff> commits = read(repo, LogQuery.of(revision).withMaxCount(1)).commits();
        if (commits.size() != 1) {
            throw new AssertionError("expected one commit for " + revision + ", got " + commits.size());
        }
        return commits.get(0);
    }

    /** NUL-separated fields, each without the newlines git puts between commits; UTF-8 where valid, else Latin-1. */
    private static List<String> tokens(byte[] out) {
        List<String> tokens = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= out.length; i++) {
            if (i == out.length || out[i] == 0) {
                int from = start;
                while (from < i && out[from] == '\n') {
                    from++;
                }
                tokens.add(decode(Arrays.copyOfRange(out, from, i)));
                start = i + 1;
            }
        }
        return tokens;
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
