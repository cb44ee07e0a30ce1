package org.sealbook.toolkit.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.session.JShellScript;
import org.sealbook.toolkit.session.Session;

/** install/sealbook.jsh, generated from the stages' declarations, gives plain jshell the stages as method calls. */
class JShellStartupTest {
    @TempDir
    Path temp;

    @Test
    void theStagesRunInRealJShellAndSealTheWorkspace() throws Exception {
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        assumeTrue(Files.isExecutable(jshell), "no jshell at " + jshell);
        Path startup = Path.of("..", "install", "sealbook.jsh").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(startup), "missing " + startup);
        assertEquals(JShellScript.of(Session.standardStages()), Files.readString(startup),
                "install/sealbook.jsh is written from the stages' declarations; regenerate it with JShellScript");
        Files.copy(SharedData.file("cars.csv"), temp.resolve("cars.csv"));
        // surefire may run tests from a manifest-only jar; it names the real class path in this property
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

        Process process = new ProcessBuilder(List.of(jshell.toString(), "--class-path", classPath,
                "--startup", "DEFAULT", "--startup", startup.toString()))
                .directory(temp.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().write(("dataCheck(\"cars.csv\", \"Miles_per_Gallon\")\n"
                + "hypothesize(\"seed\", \"7\")\ndesignExperiments()\ntrain()\ntrain(\"resume\")\nreport()\n"
                + "var cars = org.sealbook.toolkit.data.DataLoader.create().load(Path.of(\"cars.csv\")).table()\n"
                + "System.out.println(\"predicted \" + PromotedModel.load(Path.of(\"sealbook-project\")).predict(cars).size())\n/exit\n")
                .getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "jshell did not exit: " + out);

        assertTrue(out.contains("DONE_WITH_CONCERNS: The data check is sealed"), out);
        Path workspace = temp.resolve("sealbook-project");
        assertTrue(Files.isRegularFile(workspace.resolve("data_check.json")), out);
        assertTrue(Files.readString(workspace.resolve("data_check.json.sha256")).endsWith("  data_check.json\n"));
        assertTrue(Files.isDirectory(workspace.resolve(".git")), "the workspace is a git repository");
        assertTrue(out.contains("DONE: The hypothesis is sealed"), out);
        assertTrue(out.contains("DONE: The plan is sealed"), out);
        assertTrue(Files.readString(workspace.resolve("hypothesis.json")).contains("\"seed\": 7"), out);
        assertTrue(out.matches("(?s).*DONE: All \\d+ experiments of batch b[0-9a-f]{8} trained.*"), out);
        assertTrue(out.replaceAll("\\s+", " ").contains("finished before, so there is nothing to resume"), out);
        assertTrue(out.contains("Leaderboard"), out);
        if (Files.isDirectory(workspace.resolve("model"))) { // promoted when the report found an honest winner
            assertTrue(out.contains("predicted 406"), out);
        }
    }
}
