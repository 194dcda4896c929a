package dev.tern.broker.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of the test class path in a fresh JVM, with the flags Chronicle needs. */
final class ChildJvm {

    /** The same flags as the parent pom's chronicle.jvm.flags, for when the tests run without them. */
    private static final List<String> CHRONICLE_FLAGS = List.of(
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED");

    private ChildJvm() {
    }

    /**
     * Starts {@code main} with only the module flags of this JVM (not its -D properties), the extra
     * JVM options, and the arguments; stderr goes to stdout.
     */
    static Process start(Class<?> main, Path workingDirectory, List<String> jvmOptions, String... args)
            throws IOException {
        return builder(main, workingDirectory, jvmOptions, args).start();
    }

    /** Like {@link #start}, with stdout and stderr appended to {@code output} instead of a pipe. */
    static Process startLoggingTo(Path output, Class<?> main, Path workingDirectory, List<String> jvmOptions,
                                  String... args) throws IOException {
        return builder(main, workingDirectory, jvmOptions, args)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
    }

    private static ProcessBuilder builder(Class<?> main, Path workingDirectory, List<String> jvmOptions,
                                          String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(moduleFlags());
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true);
    }

    private static List<String> moduleFlags() {
        List<String> inherited = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-exports") || arg.startsWith("--add-opens")
                        || arg.startsWith("--enable-native-access") || arg.startsWith("--sun-misc-unsafe-memory-access"))
                .toList();
        return inherited.isEmpty() ? CHRONICLE_FLAGS : inherited;
    }
}
