package dev.vcai.impact.build;

import java.util.List;

/**
 * A module as a build file declares it.
 *
 * @param name      Maven artifactId, Gradle project path ({@code :core}), npm package name or Go module path
 * @param dir       its directory, {@code ""} for the repository's root
 * @param buildFile the file that declares it
 * @param dependsOn names of the repository's other modules it depends on
 */
public record Module(String name, String dir, String buildFile, List<String> dependsOn) {
    public Module {
        dependsOn = List.copyOf(dependsOn);
    }
}
