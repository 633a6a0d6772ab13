package dev.vcai.git;

import static dev.vcai.git.GitOracle.readOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.testing.GitRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Credential signatures on added lines, counted while the patch streams by. */
class CredentialsTest {
    private static final String AWS_KEY = "AKIA" + "ABCDEFGHIJKLMNOP";

    @ParameterizedTest
    @ValueSource(strings = {
            "-----BEGIN RSA PRIVATE KEY-----",
            "-----BEGIN PRIVATE KEY-----",
            "-----BEGIN OPENSSH PRIVATE KEY-----",
            "-----BEGIN ENCRYPTED PRIVATE KEY-----",
            "aws_access_key_id = " + AWS_KEY,
            "token: ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            "github_pat_11ABCDEFG0123456789_abcdefghijklmnop",
            "export TOKEN=github_pat_11AAAAAAA0000000000_ZZZZZZZZZZZZZZZZZZZZ",
            "GITLAB=glpat-abcdefghij0123456789",
            "slack xoxb-1234567890-abcdef",
            "key=AIzaSyA-abcdefghijklmnopqrstuvwxyz01234"})
    void signaturesAreFound(String line) {
        assertTrue(Credentials.found(line), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "-----BEGIN PUBLIC KEY-----",
            "-----BEGIN CERTIFICATE-----",
            "AKIA" + "ABCDEFGHIJKLMNO",
            "XAKIA" + "ABCDEFGHIJKLMNOP",
            "akia" + "abcdefghijklmnop",
            "ghp_short",
            "String privateKey = loadPrivateKey(path);",
            "if (ghost != null) { return ghost.highlight(); }",
            ""})
    void ordinaryTextIsNot(String line) {
        assertFalse(Credentials.found(line), line);
    }

    @Test
    void addedCredentialLinesAreCountedPerFile(@TempDir Path tmp) throws GitError {
        GitRepo repo = GitRepo.init(tmp);
        repo.write("config/secrets.txt", "# deploy\n");
        repo.write("src/Main.java", "class Main {}\n");
        repo.commit("base");
        repo.write("config/secrets.txt", "# deploy\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n"
                + "aws_access_key_id=" + AWS_KEY + "\n");
        repo.write("src/Main.java", "class Main {\n    String privateKey = loadPrivateKey();\n}\n");
        repo.commit("oops");
        CommitDiff leak = readOne(repo, "HEAD");

        repo.write("config/secrets.txt", "# deploy\n");
        repo.commit("remove the key");
        CommitDiff removal = readOne(repo, "HEAD");

        assertEquals(List.of("config/secrets.txt", "src/Main.java"), leak.files().stream().map(FileDiff::path).toList());
        assertEquals(List.of(2, 0), leak.files().stream().map(FileDiff::credentials).toList());
        assertEquals(4, leak.files().get(0).added());
        assertEquals(List.of(0), removal.files().stream().map(FileDiff::credentials).toList());
        assertEquals(4, removal.files().get(0).deleted());
    }
}
