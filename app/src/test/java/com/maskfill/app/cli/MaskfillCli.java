package com.maskfill.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** The {@code maskfill} command run in process with a given environment (HF_ENDPOINT, keys), its output kept. */
final class MaskfillCli {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final int exit;

    private MaskfillCli(Map<String, String> env, String... args) {
        Map<String, String> frozen = Map.copyOf(env);
        CommandLine cli = new CommandLine(new MaskfillCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == ModelsCommand.class) {
                    return type.cast(new ModelsCommand(() -> frozen));
                }
                if (type == GenerateCommand.class) {
                    return type.cast(new GenerateCommand(() -> frozen));
                }
                return CommandLine.defaultFactory().create(type);
            }
        });
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        exit = cli.execute(args);
    }

    static MaskfillCli run(Map<String, String> env, String... args) {
        return new MaskfillCli(env, args);
    }
}
