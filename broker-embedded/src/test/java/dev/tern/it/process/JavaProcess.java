package dev.tern.it.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real child JVM running a main class of this test class path, with the Chronicle flags, whose
 * output lines are collected for the test to wait on and check.
 */
final class JavaProcess implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private JavaProcess(Process process, String name) {
        this.process = process;
        this.reader = new Thread(this::readOutput, "it-process-output-" + name);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    static JavaProcess start(String name, Class<?> mainClass, String... args) throws IOException {
        return start(name, "-Xmx256m", mainClass, args);
    }

    /** As {@link #start(String, Class, String...)}, with these JVM options (e.g. {@code -Xmx64m}, space-separated). */
    static JavaProcess start(String name, String jvmOptions, Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.addAll(Arrays.asList(jvmOptions.trim().split("\\s+")));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new JavaProcess(process, name);
    }

    /** The module flags the test JVM itself runs with (Chronicle needs them in the children too). */
    private static List<String> jvmFlags() {
        List<String> flags = new ArrayList<>();
        for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle.")) {
                flags.add(arg);
            }
        }
        return flags;
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** Waits for an output line matching {@code test}; fails with the output so far after the timeout. */
    String awaitLine(Predicate<String> test, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            for (String line : lines) {
                if (test.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive() && !reader.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching line within " + timeoutMillis + " ms; output:\n"
                + String.join("\n", lines));
    }

    int awaitExit(long timeoutMillis) throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("process still running; output:\n" + String.join("\n", lines));
        }
        reader.join(2000);
        return process.exitValue();
    }

    List<String> lines() {
        return lines;
    }

    /** SIGTERM, as an operator stopping the broker. */
    void terminate() {
        process.destroy();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
