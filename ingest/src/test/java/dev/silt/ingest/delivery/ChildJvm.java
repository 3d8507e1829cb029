package dev.silt.ingest.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * How the crash tests start their child JVMs fast. Most of a cycle is the child's start (loading and verifying
 * Hadoop's, the AWS SDK's and our classes), so the children share a class-data-sharing archive that a first,
 * uninterrupted child writes at its exit ({@code -XX:ArchiveClassesAtExit}); the later ones map it instead of
 * loading those classes again. CDS refuses class directories on the class path, so the test's class directories
 * are packed into jars first. If the archive cannot be written the children start without it, only slower.
 */
final class ChildJvm {
    private final List<String> classPath;
    private final Path archive;

    private ChildJvm(List<String> classPath, Path archive) {
        this.classPath = classPath;
        this.archive = archive;
    }

    /** Packs the class directories of this JVM's test class path into jars under {@code workDir}. */
    static ChildJvm prepare(Path workDir) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        int dirs = 0;
        for (String entry : cp.split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                Path jar = workDir.resolve("classes-" + dirs++ + ".jar");
                jar(p, jar);
                entries.add(jar.toString());
            } else if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        return new ChildJvm(entries, workDir.resolve("child.jsa"));
    }

    private static void jar(Path dir, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(dir.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }

    /** The command line of a child running {@code mainClass}; {@code writeArchive} for the first, clean run. */
    List<String> command(Class<?> mainClass, boolean writeArchive) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:-UsePerfData");
        if (writeArchive) {
            command.add("-XX:ArchiveClassesAtExit=" + archive);
        } else if (Files.isRegularFile(archive)) {
            command.add("-XX:SharedArchiveFile=" + archive);
        }
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classPath));
        command.add(mainClass.getName());
        return command;
    }

    boolean hasArchive() {
        return Files.isRegularFile(archive);
    }
}
