package com.maskfill.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MaskfillCommandTest {

    @Test
    void versionNamesTheApplicationVersion() {
        StringWriter out = new StringWriter();
        CommandLine cli = MaskfillCommand.commandLine();
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute("--version");

        assertEquals(0, exit);
        assertTrue(out.toString().startsWith("Maskfill 0."), out.toString());
    }

    @Test
    void helpDescribesUsage() {
        StringWriter out = new StringWriter();
        CommandLine cli = MaskfillCommand.commandLine();
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute("--help");

        assertEquals(0, exit);
        assertTrue(out.toString().contains("Usage: maskfill [-hV] [IMAGE]"), out.toString());
        assertTrue(out.toString().contains("opens the editor"), out.toString());
    }

    @Test
    void unknownOptionsAreAUsageErrorWithExitCodeTwo() {
        StringWriter err = new StringWriter();
        CommandLine cli = MaskfillCommand.commandLine();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("--frobnicate");

        assertEquals(2, exit);
        assertTrue(err.toString().contains("Unknown option: '--frobnicate'"), err.toString());
    }
}
