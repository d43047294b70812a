package io.periodclose.files;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Defence in depth for every file written or served from data: a child path is resolved inside its folder and
 * refused when its normalised form is not strictly inside it ({@code ..}, an absolute path, a separator that
 * climbs out), or when a folder between them is a symbolic link. Independent of the import rules, so rows imported before them cannot slip through either.
 */
public final class ContainedPath {

    private ContainedPath() {
    }

    /** {@code folder/segments...}, normalised, or an {@link UnsafePathException} naming the folder and the child. */
    public static Path resolve(Path folder, String... segments) {
        Path base = folder.toAbsolutePath().normalize();
        Path resolved = base;
        for (String segment : segments) {
            if (segment == null || segment.isEmpty() || segment.indexOf('\0') >= 0) {
                throw new UnsafePathException("refused an empty or NUL-bearing file name under " + base);
            }
            try {
                resolved = resolved.resolve(segment);
            } catch (InvalidPathException e) {
                throw new UnsafePathException("refused file name '" + segment + "' under " + base + ": " + e.getReason());
            }
        }
        Path normalised = resolved.normalize();
        if (!normalised.startsWith(base) || normalised.equals(base)) {
            throw new UnsafePathException("refused '" + String.join("/", segments) + "': it resolves to "
                    + normalised + ", outside " + base);
        }
        // a folder that is a symbolic link would take the files elsewhere: refused, not followed. The file itself
        // may be a link: it is replaced by an atomic move, never written through.
        for (Path path = normalised; path != null && path.startsWith(base) && !path.equals(base);
             path = path.getParent()) {
            if (Files.isSymbolicLink(path) && (path != normalised || Files.isDirectory(path))) {
                throw new UnsafePathException("refused '" + String.join("/", segments) + "': " + path
                        + " is a symbolic link to a folder");
            }
        }
        return normalised;
    }
}
