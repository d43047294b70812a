package io.periodclose.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

public class TestDatabaseExtension implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabase.start();
    }
}
