package io.periodclose.statement;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.util.JRLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a statement template comes from. The build compiles {@code reports/*.jrxml} into {@code reports/*.jasper} on
 * the class path ({@link StatementTemplateCompiler}); loading one of those takes milliseconds, where compiling a
 * template's expressions in a fresh JVM takes seconds of JIT-cold compiler.
 *
 * <ul>
 *   <li>A {@code .jrxml} in the templates directory that differs from the one the build compiled is an adjusted
 *       template: it is compiled, so that a template can still be changed without a rebuild.</li>
 *   <li>Otherwise the compiled {@code .jasper} from the class path is loaded.</li>
 *   <li>Without one (classes not built by Maven, e.g. by an IDE) the {@code .jrxml} is compiled, with a warning.</li>
 * </ul>
 */
final class StatementTemplates {

    /** Where a template was taken from; logged, and asserted by the tests. */
    enum Origin {
        /** compiled by the build, loaded from the class path */
        PRECOMPILED,
        /** an adjusted template in the templates directory, compiled at run time */
        COMPILED_FROM_DIRECTORY,
        /** no compiled template on the class path: its source compiled at run time */
        COMPILED_FROM_CLASS_PATH
    }

    record Loaded(JasperReport report, Origin origin) {
    }

    static final String CLASS_PATH_FOLDER = "reports/";
    private static final String SOURCE = ".jrxml";
    private static final String COMPILED = ".jasper";

    private static final Logger log = LoggerFactory.getLogger(StatementTemplates.class);

    private final Path directory;
    private final ClassLoader classPath;

    /**
     * @param directory the templates directory ({@code period-close.reports})
     * @param classPath where the packaged {@code reports/*.jrxml} and {@code reports/*.jasper} are
     */
    StatementTemplates(Path directory, ClassLoader classPath) {
        this.directory = directory;
        this.classPath = classPath;
    }

    /** @param name a template's source name, e.g. {@code quarter-statement.jrxml} */
    Loaded load(String name) {
        if (!name.endsWith(SOURCE)) {
            throw new IllegalArgumentException("a template's name ends with " + SOURCE + ": " + name);
        }
        long started = System.nanoTime();
        byte[] packagedSource = resource(name);
        Path file = directory.resolve(name);
        Loaded loaded;
        if (Files.isRegularFile(file) && !Arrays.equals(read(file), packagedSource)) {
            loaded = new Loaded(compile(name, read(file), file.toAbsolutePath().toString()),
                    Origin.COMPILED_FROM_DIRECTORY);
        } else {
            String compiledName = name.substring(0, name.length() - SOURCE.length()) + COMPILED;
            byte[] compiled = resource(compiledName);
            if (compiled != null) {
                loaded = new Loaded(loadCompiled(compiledName, compiled), Origin.PRECOMPILED);
            } else if (packagedSource != null) {
                log.warn("No compiled {} on the class path (classes not built by `mvn package`?): compiling {}",
                        compiledName, name);
                loaded = new Loaded(compile(name, packagedSource, "the class path"), Origin.COMPILED_FROM_CLASS_PATH);
            } else {
                throw new IllegalStateException("report template " + name + " is neither in "
                        + directory.toAbsolutePath() + " nor on the class path under " + CLASS_PATH_FOLDER
                        + " (compiled or not)");
            }
        }
        log.info("Loaded report template {} ({}) in {} ms", name, loaded.origin(),
                (System.nanoTime() - started) / 1_000_000);
        return loaded;
    }

    private static JasperReport compile(String name, byte[] source, String from) {
        try {
            return JasperCompileManager.compileReport(new ByteArrayInputStream(source));
        } catch (JRException e) {
            throw new IllegalStateException("report template " + name + " from " + from + " does not compile", e);
        }
    }

    private static JasperReport loadCompiled(String name, byte[] compiled) {
        try {
            return (JasperReport) JRLoader.loadObject(new ByteArrayInputStream(compiled));
        } catch (JRException | ClassCastException e) {
            throw new IllegalStateException("compiled report template " + CLASS_PATH_FOLDER + name
                    + " cannot be loaded: rebuild with `mvn package`", e);
        }
    }

    private byte[] resource(String name) {
        try (InputStream in = classPath.getResourceAsStream(CLASS_PATH_FOLDER + name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CLASS_PATH_FOLDER + name + " from the class path", e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report template " + file, e);
        }
    }
}
