package dev.vcai.hooks;

import java.util.Map;

/**
 * What git and the forge tell a receive hook about the push beyond the ref lines: the pusher, the push options
 * ({@code git push -o}) and whether GitLab runs the hook.
 *
 * @param overrideReason the reason given with {@code -o vcai.override=...}, or null
 */
public record Push(String pusher, String overrideReason, boolean gitlab) {
    static final String OVERRIDE_OPTION = "vcai.override";

    public static Push of(Map<String, String> environment) {
        String reason = null;
        int count = parse(environment.get("GIT_PUSH_OPTION_COUNT"));
        for (int i = 0; i < count; i++) {
            String option = environment.getOrDefault("GIT_PUSH_OPTION_" + i, "");
            if (option.equals(OVERRIDE_OPTION) || option.startsWith(OVERRIDE_OPTION + "=")) {
                reason = option.length() > OVERRIDE_OPTION.length() + 1 ? option.substring(OVERRIDE_OPTION.length() + 1) : "(no reason given)";
            }
        }
        String pusher = first(environment, "GL_USERNAME", "GITEA_PUSHER_NAME", "GITHUB_USER_LOGIN", "REMOTE_USER", "USER");
        boolean gitlab = environment.containsKey("GL_ID") || environment.containsKey("GL_REPOSITORY");
        return new Push(pusher == null ? "unknown" : pusher, reason, gitlab);
    }

    private static int parse(String count) {
        try {
            return count == null ? 0 : Integer.parseInt(count.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String first(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
