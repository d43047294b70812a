package io.periodclose.importing;

import io.periodclose.BadInputException;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Column positions by name; columns may come in any order and extra columns are ignored. */
public final class CsvHeader implements Serializable {

    private final List<String> names;
    private final Map<String, Integer> positions = new HashMap<>();
    private final ImportKind kind;
    /** {@link #positions(ImportKind)} of the kind the header was checked for, found once per file. */
    private final int[] kindPositions;

    private CsvHeader(List<String> names, ImportKind kind) {
        this.names = List.copyOf(names);
        for (int i = 0; i < names.size(); i++) {
            positions.put(names.get(i), i);
        }
        this.kind = kind;
        this.kindPositions = positionsOf(kind);
    }

    /** Checks a header row against the columns a kind of file needs, naming everything that is missing. */
    public static CsvHeader of(List<String> rawNames, ImportKind kind, String file) {
        List<String> names = new ArrayList<>();
        for (String raw : rawNames) {
            String name = raw == null ? "" : raw.strip();
            if (names.contains(name) && !name.isEmpty()) {
                throw new BadInputException(file + ": the header names column '" + name + "' twice");
            }
            names.add(name);
        }
        List<String> missing = kind.columns().stream().filter(c -> !names.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new BadInputException(file + ": not a " + kind.commandName() + " file: the header lacks the column"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + " (expected " + String.join(",", kind.columns()) + ")");
        }
        return new CsvHeader(names, kind);
    }

    /**
     * Where the columns of {@code kind} are, so that rows are read by position rather than by name: its required
     * columns in their order, then its optional ones; -1 for a column the header does not name.
     */
    int[] positions(ImportKind kind) {
        return kind == this.kind ? kindPositions : positionsOf(kind);
    }

    private int[] positionsOf(ImportKind kind) {
        List<String> columns = kind.allColumns();
        int[] found = new int[columns.size()];
        for (int i = 0; i < found.length; i++) {
            Integer at = positions.get(columns.get(i));
            found[i] = at == null ? -1 : at;
        }
        return found;
    }

    /** Whether the header names the column: an optional one may be absent. */
    public boolean has(String column) {
        return positions.containsKey(column);
    }

    public int indexOf(String column) {
        Integer index = positions.get(column);
        if (index == null) {
            throw new IllegalArgumentException("no column " + column);
        }
        return index;
    }

    /** The number of columns a complete record must have: up to the last required one. */
    public int size() {
        return names.size();
    }

    public List<String> names() {
        return names;
    }
}
