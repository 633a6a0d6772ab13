package dev.vcai.hooks;

import dev.vcai.forge.CommitStatus;
import dev.vcai.forge.Forge;
import dev.vcai.forge.ForgeClient;
import dev.vcai.forge.StatusPublisher;
import dev.vcai.forge.StatusQueue;
import dev.vcai.forge.StatusState;
import dev.vcai.forge.Token;
import dev.vcai.forge.VerdictMapping;
import dev.vcai.pipeline.RangeAnalysis;
import dev.vcai.report.MarkdownReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Repository;

/**
 * Post-receive's hand-off to the forge: the verdict of each pushed ref, as a commit status on its new tip, when the
 * repository's git config names a forge ({@code vcai.status.*}, README "PR status checks"). Statuses go through a
 * durable queue in {@code vcai/status-queue} of the git directory, so a forge that is down gets them on a later push.
 */
final class StatusHandOff {
    private final StatusPublisher publisher;
    private final Forge forge;
    private final String baseUrl;
    private final String repository;
    private final String context;
    private final String targetUrl;
    private final VerdictMapping mapping;

    private StatusHandOff(StatusPublisher publisher, Forge forge, String baseUrl, String repository, String context, String targetUrl,
                          VerdictMapping mapping) {
        this.publisher = publisher;
        this.forge = forge;
        this.baseUrl = baseUrl;
        this.repository = repository;
        this.context = context;
        this.targetUrl = targetUrl;
        this.mapping = mapping;
    }

    /** The hand-off configured for this repository, or empty when no forge is configured. */
    static Optional<StatusHandOff> of(Repository git, Map<String, String> environment) throws IOException {
        Config config = git.getConfig();
        String forgeName = config.getString("vcai", "status", "forge");
        if (forgeName == null || forgeName.isBlank()) {
            return Optional.empty();
        }
        Forge forge = Forge.of(forgeName);
        String baseUrl = Optional.ofNullable(config.getString("vcai", "status", "url")).orElse(forge.defaultBaseUrl());
        String repository = config.getString("vcai", "status", "repository");
        if (baseUrl == null || repository == null) {
            throw new IOException("vcai.status.forge is set but vcai.status.url or vcai.status.repository is missing");
        }
        String tokenFile = config.getString("vcai", "status", "tokenFile");
        Token token = tokenFile != null ? Token.fromFile(git.getDirectory().toPath().resolve(tokenFile))
                : Token.fromEnvironment(Optional.ofNullable(config.getString("vcai", "status", "tokenEnv")).orElse(forge.tokenVariable()),
                environment);
        Path queue = git.getDirectory().toPath().resolve("vcai").resolve("status-queue");
        StatusPublisher publisher = new StatusPublisher(new ForgeClient(), StatusPublisher.TokenSource.single(forge, baseUrl, token),
                new StatusQueue(queue));
        return Optional.of(new StatusHandOff(publisher, forge, baseUrl, repository, config.getString("vcai", "status", "context"),
                config.getString("vcai", "status", "targetUrl"),
                new VerdictMapping(config.getBoolean("vcai", "status", "conditionalFails", false))));
    }

    /** A call to the forge, answering what became of the status in words for the log. */
    @FunctionalInterface
    interface Call {
        String run() throws IOException;
    }

    /** Tells the forge the analysis of the ref's new tip has started. */
    String pending(String tip) throws IOException {
        return send(new CommitStatus(forge, baseUrl, repository, tip, StatusState.PENDING, context, "vcai: analysing", targetUrl));
    }

    /** Publishes the range's verdict on the ref's new tip. */
    String publish(String tip, RangeAnalysis analysis, String reason) throws IOException {
        return send(new CommitStatus(forge, baseUrl, repository, tip, mapping.state(analysis.verdict()), context,
                mapping.description(analysis.verdict(), reason), targetUrl, MarkdownReport.render(analysis)));
    }

    private String send(CommitStatus status) throws IOException {
        String tip = status.sha();
        StatusPublisher.Published published = publisher.publish(status);
        return published.outcome() == StatusPublisher.Outcome.DELIVERED ? "status " + status.state() + " delivered for " + tip
                : "status queued for " + tip + " (" + published.problem().getMessage() + ")";
    }
}
