package dev.vcai.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.ChangedFile;
import dev.vcai.analysis.CommitFacts;
import dev.vcai.analysis.ConventionalCommit;
import dev.vcai.analysis.FactsBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads the labelled commits of {@code shared/datasets} (one gzipped JSON Lines file per repository, see its
 * README). Rows whose declared type is outside the nine-type mapping are left out.
 */
public final class Dataset {
    private Dataset() {
    }

    /** The dataset files of a directory, sorted by name so that training is reproducible. */
    public static List<Path> files(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("no dataset directory at " + directory);
        }
        try (Stream<Path> list = Files.list(directory)) {
            List<Path> files = list.filter(p -> p.getFileName().toString().endsWith(".jsonl.gz")).sorted().toList();
            if (files.isEmpty()) {
                throw new IOException("no *.jsonl.gz files in " + directory);
            }
            return files;
        }
    }

    /** The repository a dataset file holds, e.g. {@code vuejs/core} for {@code vuejs+core.jsonl.gz}. */
    public static String repositoryOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".jsonl.gz".length()).replace('+', '/');
    }

    public static List<LabelledCommit> read(List<Path> files, Predicate<String> repositories) throws IOException {
        List<LabelledCommit> rows = new ArrayList<>();
        for (Path file : files) {
            if (!repositories.test(repositoryOf(file))) {
                continue;
            }
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
                String line;
                int number = 0;
                while ((line = in.readLine()) != null) {
                    number++;
                    try {
                        row(JsonParser.parseString(line).getAsJsonObject()).ifPresent(rows::add);
                    } catch (RuntimeException e) {
                        throw new IOException(file.getFileName() + " line " + number + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        return rows;
    }

    private static Optional<LabelledCommit> row(JsonObject row) {
        String subject = text(row, "subject");
        Optional<ChangeType> label = ConventionalCommit.mapped(text(row, "type"), text(row, "scope"), subject);
        if (label.isEmpty()) {
            return Optional.empty();
        }
        List<ChangedFile> files = new ArrayList<>();
        JsonArray array = row.getAsJsonArray("files");
        for (JsonElement element : array) {
            JsonObject f = element.getAsJsonObject();
            boolean binary = f.get("added").isJsonNull();
            String status = text(f, "status");
            files.add(ChangedFile.of(text(f, "path"), text(f, "old_path"), status == null || status.isEmpty() ? 'M' : status.charAt(0),
                    binary ? -1 : f.get("added").getAsInt(), binary ? -1 : f.get("deleted").getAsInt(), binary, false, false, 0));
        }
        CommitFacts facts = FactsBuilder.of(text(row, "sha"), subject, text(row, "body"), "", text(row, "author"),
                Instant.ofEpochSecond(row.get("time").getAsLong()), row.get("parents").getAsInt(), files, text(row, "diff"),
                false, FactsBuilder.HistoryMetrics.NONE);
        return Optional.of(new LabelledCommit(text(row, "repo"), facts, label.get(), row.get("bot").getAsBoolean()));
    }

    private static String text(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }
}
