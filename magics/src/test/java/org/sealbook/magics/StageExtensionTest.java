package org.sealbook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.kernel.magic.MagicRegistry;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.Stages;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.session.JShellScript;
import org.sealbook.toolkit.session.Session;
import org.sealbook.toolkit.view.ConsoleView;

/**
 * A stage added in one class and one registration gets the rest for free: the gate on the records it reads, its
 * options with nearest-name hints, its status, its seal and commit, its magic with help and completed options, and
 * its JShell method.
 */
class StageExtensionTest {
    private static final Path DATA = Path.of("..", "..", "shared", "data");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private StageOutcome run(StageMagics magics, String stage, String args) throws InterruptedException {
        return magics.run(stage, args, null, new ConsoleView(new PrintStream(printed, true, StandardCharsets.UTF_8),
                dir.resolve("figures")));
    }

    @Test
    void aNewStageGetsTheGateTheOptionsTheStatusTheSealAndItsMagic() throws Exception {
        Files.copy(DATA.resolve("wine.csv"), dir.resolve("wine.csv"));
        Stages stages = Session.standardStages().with(new ContractNoteStage());
        StageMagics magics = new StageMagics(Session.of(dir, true, stages, Clock.systemUTC()));
        MagicRegistry registry = new MagicRegistry();
        magics.registerMagics(registry);
        MagicRegistry.Entry magic = registry.findLine("contract_note");
        assertNotNull(magic, "the stage is a magic");
        assertEquals("Show the sealed contract and seal a note about it: %contract_note --note TEXT [--loud]",
                magic.help());
        assertEquals(List.of("--note", "--loud"), magic.options(), "the options an editor completes");

        StageOutcome gate = run(magics, "contract_note", "--note hello");
        assertEquals(Status.BLOCKED, gate.status());
        assertTrue(gate.sentence().startsWith("%contract_note needs the data check first: there is no data_check.json"),
                gate.sentence());

        run(magics, "data_check", "wine.csv --target cultivar");
        run(magics, "hypothesize", "");
        StageOutcome typo = run(magics, "contract_note", "--nte hello");
        assertEquals(Status.BLOCKED, typo.status());
        assertTrue(typo.sentence().startsWith("%contract_note has no option --nte; the nearest are --note, --loud"),
                typo.sentence());
        StageOutcome missing = run(magics, "contract_note", "--loud");
        assertEquals(Status.NEEDS_CONTEXT, missing.status());
        Path note = dir.resolve("sealbook-project").resolve("contract_note.json");
        assertFalse(Files.exists(note), "a refused stage seals nothing");

        StageOutcome done = run(magics, "contract_note", "--note \"looks fair\" --loud");
        assertEquals(Status.DONE, done.status(), printed.toString(StandardCharsets.UTF_8));
        assertTrue(done.sentence().endsWith("LOOKS FAIR."), done.sentence());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("Models predict cultivar"));
        assertTrue(Files.readString(note).contains("\"note\": \"LOOKS FAIR\""), Files.readString(note));
        assertTrue(Files.readString(dir.resolve("sealbook-project").resolve("contract_note.json.sha256"))
                .endsWith("  contract_note.json\n"));
        try (Git git = Git.open(dir.resolve("sealbook-project").toFile())) {
            String message = git.log().setMaxCount(1).call().iterator().next().getFullMessage();
            assertTrue(message.startsWith("Seal contract_note "), message);
        }

        Files.writeString(dir.resolve("sealbook-project").resolve("hypothesis.json"), "{}");
        StageOutcome tampered = run(magics, "contract_note", "--note again");
        assertEquals(Status.BLOCKED, tampered.status());
        assertTrue(tampered.sentence().startsWith("tamper detected: "), tampered.sentence());
    }

    @Test
    void aNewStageGetsItsJShellMethod() throws Exception {
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        assumeTrue(Files.isExecutable(jshell), "no jshell at " + jshell);
        Files.copy(DATA.resolve("wine.csv"), dir.resolve("wine.csv"));
        Path script = dir.resolve("sealbook.jsh");
        Files.writeString(script, JShellScript.of(Session.standardStages().with(new ContractNoteStage())));
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

        Process process = new ProcessBuilder(List.of(jshell.toString(), "--class-path", classPath, "--startup",
                "DEFAULT", "--startup", script.toString())).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().write(("dataCheck(\"wine.csv\", \"cultivar\")\nhypothesize()\n"
                + "contractNote(\"from jshell\", \"loud\")\ncontractNote(\"x\", \"lod\")\n/exit\n")
                .getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "jshell did not exit: " + out);

        assertTrue(out.contains("DONE: The note is sealed"), out);
        assertTrue(out.contains("FROM JSHELL"), out);
        assertTrue(out.replaceAll("\\s+", " ").contains("contractNote() has no option \"lod\"; the nearest are \"loud\""),
                out);
        assertTrue(Files.readString(dir.resolve("sealbook-project").resolve("contract_note.json"))
                .contains("FROM JSHELL"));
    }
}
