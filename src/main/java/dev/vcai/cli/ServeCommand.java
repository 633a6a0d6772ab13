package dev.vcai.cli;

import com.google.common.base.Throwables;
import dev.vcai.model.ModelException;
import dev.vcai.service.VcaiService;
import dev.vcai.service.store.StoreException;
import java.io.IOException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the model-lifecycle REST service: experiments, evaluation, promotion gates, failure quarantine and "
                + "the production model's inference endpoints (README \"Service\"; /openapi.json lists the routes).",
                "Settings come from the environment: VCAI_SERVICE_DB_URL, VCAI_MODEL_REPO, VCAI_DATASETS, VCAI_API_TOKEN, "
                        + "V3_API_ENDPOINT, VCAI_WEBHOOKS, VCAI_TRITON_URL and the others the README lists."},
        footer = {"", "Example:", "  VCAI_DATASETS=../shared/datasets vcai serve --port 8000"})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "<port>", description = "The port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8000;

    @Option(names = "--host", paramLabel = "<address>", description = "The address to listen on (default: $VCAI_SERVICE_HOST, else 127.0.0.1).")
    String host;

    @Override
    public Integer call() throws ModelException, IOException, InterruptedException {
        if (port < 0 || port > 65535) {
            throw new Failure(ExitCode.USAGE, "--port must be between 0 and 65535, not " + port, null);
        }
        VcaiService.Builder builder;
        try {
            builder = VcaiService.builder().fromEnvironment(System.getenv()).port(port);
        } catch (IllegalArgumentException e) {
            throw new Failure(ExitCode.INVALID_CONFIG, e.getMessage(), e);
        }
        if (host != null) {
            builder.host(host);
        }
        VcaiService service = builder.build();
        try {
            service.start();
        } catch (StoreException e) {
            service.close();
            throw new Failure(ExitCode.INVALID_CONFIG, e.getMessage(), e);
        } catch (RuntimeException e) {
            service.close();
            // Javalin says "Port already in use" for every failure to bind; the cause says what happened.
            Throwable cause = Throwables.getRootCause(e);
            String reason = cause instanceof UnresolvedAddressException ? "no such host"
                    : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            throw new Failure(ExitCode.IO, "cannot listen on " + (host != null ? host : "the service's address") + " port " + port
                    + ": " + reason, e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }));
        System.err.println("vcai serve: listening on port " + service.port()
                + (service.interruptedRuns() > 0 ? "; " + service.interruptedRuns() + " run(s) cut off by the last stop were marked failed" : ""));
        service.warnings().forEach(warning -> System.err.println("vcai serve: warning: " + warning));
        stopped.await();
        return ExitCode.OK.code();
    }
}
