package io.periodclose.statement;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Compiles every {@code *.jrxml} of a folder into a {@code .jasper} of the same name in another, at build time: Maven
 * runs it in {@code process-classes} with {@code reports/} and {@code target/classes/reports/}, so that the jar
 * carries the compiled templates {@link StatementTemplates} loads. A template that does not compile fails the build.
 */
public final class StatementTemplateCompiler {

    private StatementTemplateCompiler() {
    }

    /** @param args the folder of the {@code .jrxml} templates, the folder to write the {@code .jasper} files to */
    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: StatementTemplateCompiler SOURCE_FOLDER TARGET_FOLDER");
        }
        List<Path> compiled = compileAll(Path.of(args[0]), Path.of(args[1]));
        System.out.println("Compiled " + compiled.size() + " report template(s) into " + args[1]);
    }

    static List<Path> compileAll(Path sources, Path target) {
        try (Stream<Path> files = Files.list(sources)) {
            List<Path> templates = files.filter(file -> file.getFileName().toString().endsWith(".jrxml")).sorted().toList();
            if (templates.isEmpty()) {
                throw new IllegalStateException("no *.jrxml in " + sources.toAbsolutePath());
            }
            Files.createDirectories(target);
            return templates.stream().map(template -> compile(template, target)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path compile(Path template, Path target) {
        String name = template.getFileName().toString();
        Path out = target.resolve(name.substring(0, name.length() - ".jrxml".length()) + ".jasper");
        try {
            JasperCompileManager.compileReportToFile(template.toString(), out.toString());
            return out;
        } catch (JRException e) {
            throw new IllegalStateException("report template " + template + " does not compile", e);
        }
    }
}
