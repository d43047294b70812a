package io.periodclose.database;

import java.nio.file.Path;

/** A separate process that opens the embedded database under a home and holds it until it is killed. */
public class EmbeddedDatabaseHolder {
    public static void main(String[] args) throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.open(Path.of(args[0]), true);
        System.out.println("ready " + database.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
