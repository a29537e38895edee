package com.maskfill.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.maskfill.engine.api.engine.ProgressEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    @Test
    void eachNewDetailStageAndStepPrintsOneLineAndRepeatsDoNot() {
        StringWriter out = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(out));
        List.of(ProgressEvent.preparing(),
                ProgressEvent.preparing("Memory plan: GPU with 22.0 GiB free, 1024x1024: transformer int8 resident"),
                ProgressEvent.preparing("Loading the transformer", 0, 2),
                ProgressEvent.preparing("Loading the transformer", 0, 2),
                ProgressEvent.preparing("Loading the autoencoder", 1, 2),
                ProgressEvent.running(1, 2), ProgressEvent.running(1, 2), ProgressEvent.running(2, 2),
                ProgressEvent.done()).forEach(printer::onProgress);
        List<String> lines = Arrays.stream(out.toString().split("\n")).map(l -> l.replaceFirst("^\\[ *[0-9.]+s] ", ""))
                .toList();
        assertEquals(List.of("Preparing",
                "Memory plan: GPU with 22.0 GiB free, 1024x1024: transformer int8 resident",
                "Loading the transformer", "Loading the autoencoder", "Running step 1 of 2", "Running step 2 of 2",
                "Done"), lines);
    }
}
