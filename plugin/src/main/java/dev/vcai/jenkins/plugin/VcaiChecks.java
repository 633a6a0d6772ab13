package dev.vcai.jenkins.plugin;

import dev.vcai.jenkins.ChecksReport;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.api.ChecksOutput;
import io.jenkins.plugins.checks.api.ChecksPublisherFactory;
import io.jenkins.plugins.checks.api.ChecksStatus;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Hands the core's {@link ChecksReport} to the checks API, which passes it to GitHub, GitLab, ... when installed. */
final class VcaiChecks {
    private VcaiChecks() {
    }

    static void publish(Run<?, ?> run, TaskListener listener, ChecksReport report) {
        ChecksOutput.ChecksOutputBuilder output = new ChecksOutput.ChecksOutputBuilder().withTitle(report.title())
                .withSummary(report.summary());
        if (!report.text().isEmpty()) {
            output.withText(report.text());
        }
        ChecksDetails details = new ChecksDetails.ChecksDetailsBuilder()
                .withName(report.name())
                .withStatus(ChecksStatus.COMPLETED)
                .withConclusion(ChecksConclusion.valueOf(report.conclusion().name()))
                .withOutput(output.build())
                .withCompletedAt(LocalDateTime.now(ZoneOffset.UTC))
                .build();
        ChecksPublisherFactory.fromRun(run, listener).publish(details);
    }
}
