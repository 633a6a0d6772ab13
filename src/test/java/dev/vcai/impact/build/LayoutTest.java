package dev.vcai.impact.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

class LayoutTest {
    /** A pom that is not XML is left out quietly: the XML parser's own "[Fatal Error]" line would reach a pusher's terminal. */
    @Test
    void aPomThatDoesNotParseIsLeftOutWithoutAWord() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Layout.Parses parses = new Layout.Parses();
        ObjectId blob = ObjectId.fromString("0123456789012345678901234567890123456789");
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            parses.parse("pom.xml", blob, "not xml".getBytes(StandardCharsets.UTF_8));
        } finally {
            System.setErr(stderr);
        }
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), Layout.read(Map.of("pom.xml", blob), parses).modules());
    }
}
