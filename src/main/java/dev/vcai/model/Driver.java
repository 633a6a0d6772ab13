package dev.vcai.model;

/**
 * A fact that drove a prediction: a feature's name (see {@code analysis.Features}) and how much it favoured the
 * predicted type over the runner-up.
 */
public record Driver(String feature, double weight) {

    /** The feature in words, for reports: {@code s:fix} becomes {@code subject says "fix"}. */
    public String describe() {
        if (feature.startsWith("s#")) {
            return switch (feature) {
                case "s#version" -> "subject names a version";
                case "s#depupdate" -> "subject reads as a dependency update";
                case "s#code" -> "subject quotes code";
                case "s#fixref" -> "message references an issue";
                default -> feature;
            };
        }
        int colon = feature.indexOf(':');
        if (colon < 0) {
            return switch (feature) {
                case "add_share" -> "mostly added lines";
                case "entropy" -> "changes spread over many files";
                case "binary" -> "binary files changed";
                case "merge" -> "a merge";
                case "empty" -> "no file changed";
                case "nobody" -> "no message body";
                case "pure_renames" -> "only renames";
                default -> feature;
            };
        }
        String group = feature.substring(0, colon);
        String value = feature.substring(colon + 1);
        return switch (group) {
            case "s", "s1" -> "subject says \"" + value + "\"";
            case "ss" -> "subject says \"" + value + "...\"";
            case "s2" -> "subject says \"" + value.replace('_', ' ') + "\"";
            case "b" -> "body says \"" + value + "\"";
            case "p" -> "path has \"" + value + "\"";
            case "x" -> "." + value + " files";
            case "k", "kl" -> value.replace('_', ' ') + " files changed";
            case "konly" -> "only " + value.replace('_', ' ') + " files changed";
            case "kpair" -> value.replace("+", " and ") + " files changed";
            case "ks" -> value.substring(0, value.lastIndexOf('_') + 1).replace('_', ' ') + "files " + status(value.substring(value.lastIndexOf('_') + 1));
            case "st" -> "files " + status(value);
            case "stonly" -> "all files " + status(value);
            case "d+" -> "adds \"" + value + "\"";
            case "d-" -> "removes \"" + value + "\"";
            case "nf" -> "number of files " + bucket(value);
            case "h" -> switch (value) {
                case "pure_added" -> "hunks of added lines only";
                case "pure_deleted" -> "hunks of deleted lines only";
                case "mixed" -> "lines changed in place";
                default -> "hunks " + bucket(value);
            };
            case "decl+" -> "declarations added " + bucket(value);
            case "decl-" -> "declarations deleted " + bucket(value);
            case "guard+" -> "conditions added " + bucket(value);
            case "sk" -> "subject says \"" + value.substring(0, value.indexOf('_')) + "...\" of " + value.substring(value.indexOf('_') + 1).replace('_', ' ') + " files";
            case "vk" -> "subject verb \"" + value.substring(0, value.indexOf('_')) + "\" on " + value.substring(value.indexOf('_') + 1).replace('_', ' ') + " files";
            case "team" -> "the team declared earlier commits \"" + value + "\" so";
            case "teamshare" -> value.substring(value.indexOf(':') + 1) + "% of the team's recent declared commits are "
                    + value.substring(0, value.indexOf(':'));
            case "teamword" -> "the team's earlier commits saying \"" + value.substring(value.indexOf(':') + 1) + "\" were more often "
                    + value.substring(0, value.indexOf(':'));
            case "v" -> "subject starts with \"" + value + "...\"";
            case "vo" -> "subject starts with \"" + value.replace('_', ' ') + "...\"";
            case "sw" -> "subject words " + bucket(value);
            case "area" -> "files under " + value + "/";
            case "code_tests" -> switch (value) {
                case "ct" -> "code and tests changed together";
                case "c-" -> "code changed without tests";
                case "-t" -> "tests changed without code";
                default -> "neither code nor tests changed";
            };
            case "addsh" -> switch (value) {
                case "0" -> "only deleted lines";
                case "100" -> "only added lines";
                default -> "added lines under " + value.substring(2) + "% of the change";
            };
            case "subsys" -> "subsystems touched " + bucket(value);
            case "dl" -> switch (value) {
                case "only_comments" -> "only comment lines changed";
                case "mostly_versions" -> "mostly version numbers changed";
                case "no_added" -> "no line added";
                case "no_deleted" -> "no line deleted";
                default -> "share of changed lines that are " + (value.equals("blank") ? "blank" : value.equals("test") ? "test code"
                        : value.equals("import") ? "imports" : value + "s");
            };
            case "la" -> "lines added " + bucket(value);
            case "ld" -> "lines deleted " + bucket(value);
            default -> feature;
        };
    }

    /** A bucket's name in words: {@code le5} is "<= 5", {@code gt500} is "> 500". */
    private static String bucket(String value) {
        return value.replace("le", "<= ").replace("gt", "> ");
    }

    private static String status(String code) {
        return switch (code) {
            case "A" -> "added";
            case "D" -> "deleted";
            case "R" -> "renamed";
            case "C" -> "copied";
            case "T" -> "changed type";
            default -> "modified";
        };
    }
}
