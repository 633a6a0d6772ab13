package dev.vcai.hooks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/** One line of what git feeds a receive hook: {@code <old> <new> <ref>}. A zero id means "none". */
public record RefChange(ObjectId oldId, ObjectId newId, String ref) {

    public boolean isCreate() {
        return oldId.equals(ObjectId.zeroId());
    }

    public boolean isDelete() {
        return newId.equals(ObjectId.zeroId());
    }

    /** Reads git's lines; a malformed line is an error, since git never writes one. */
    public static List<RefChange> read(InputStream in) throws IOException {
        List<RefChange> changes = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(" ", 3);
            if (parts.length != 3 || !ObjectId.isId(parts[0]) || !ObjectId.isId(parts[1])) {
                throw new IOException("not a '<old> <new> <ref>' line from git: " + line);
            }
            changes.add(new RefChange(ObjectId.fromString(parts[0]), ObjectId.fromString(parts[1]), parts[2]));
        }
        return changes;
    }
}
