package dev.vcai.triton;

import dev.vcai.model.ChangeTypeModel;
import dev.vcai.model.EmbeddedModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How a vcai command reaches Triton, from its options, git config or the environment: the endpoint
 * ({@code host:port}, or {@code grpcs://host:port} for TLS), the model's name, TLS trust, a bearer token
 * ({@code $VCAI_TRITON_TOKEN}, never an option: it would show in {@code ps}), the per-call deadline and whether a
 * Triton failure fails the command (fail closed) or lets the embedded model answer (fail open, the default).
 */
public record TritonSettings(String target, String model, boolean tls, Path trustCertificates, String bearerToken,
                             Duration deadline, boolean failClosed) {
    public static final String URL_VARIABLE = "VCAI_TRITON_URL";
    public static final String TOKEN_VARIABLE = "VCAI_TRITON_TOKEN";
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

    /** The endpoint given, else {@code $VCAI_TRITON_URL}; null when neither names one (then vcai runs embedded). */
    public static TritonSettings of(String endpoint, Map<String, String> environment) {
        String target = endpoint != null && !endpoint.isBlank() ? endpoint : environment.get(URL_VARIABLE);
        if (target == null || target.isBlank()) {
            return null;
        }
        boolean tls = target.startsWith("grpcs://") || target.startsWith("https://");
        target = target.replaceFirst("^(grpcs?|https?)://", "").replaceFirst("/+$", "");
        String token = environment.get(TOKEN_VARIABLE);
        return new TritonSettings(target, TritonModel.DEFAULT_MODEL, tls, null, token == null || token.isEmpty() ? null : token,
                DEFAULT_DEADLINE, false);
    }

    public TritonSettings withModel(String model) {
        return new TritonSettings(target, model, tls, trustCertificates, bearerToken, deadline, failClosed);
    }

    public TritonSettings withTrustCertificates(Path pemFile) {
        return new TritonSettings(target, model, tls || pemFile != null, pemFile, bearerToken, deadline, failClosed);
    }

    public TritonSettings withDeadline(Duration deadline) {
        return new TritonSettings(target, model, tls, trustCertificates, bearerToken, deadline, failClosed);
    }

    public TritonSettings withFailClosed(boolean failClosed) {
        return new TritonSettings(target, model, tls, trustCertificates, bearerToken, deadline, failClosed);
    }

    /** A client for this endpoint; the caller closes it. */
    public TritonClient client() throws TritonException {
        TritonClient.Builder builder = TritonClient.builder(target).tls(tls).trustCertificates(trustCertificates).deadline(deadline);
        if (bearerToken != null) {
            builder.bearerToken(bearerToken);
        }
        return builder.build();
    }

    /**
     * The change-type model on Triton, checked at start-up, reading its input order from {@code local}'s file. Fail
     * open: {@code local} answers whatever Triton cannot, saying why. Fail closed: {@code local} is closed and a
     * Triton failure is thrown. Closing the returned model closes the client and {@code local}.
     */
    public ChangeTypeModel open(EmbeddedModel local) throws TritonException {
        TritonClient client;
        try {
            client = client();
        } catch (TritonException e) {
            if (failClosed) {
                local.close();
                throw e;
            }
            return TritonModel.fallingBack(local, e.getMessage());
        }
        try {
            ChangeTypeModel triton = TritonModel.builder(client, local.file()).modelName(model).fallback(failClosed ? null : local).build();
            if (failClosed) {
                local.close();
            }
            return triton;
        } catch (TritonException e) {
            client.close();
            local.close();
            throw e;
        }
    }
}
