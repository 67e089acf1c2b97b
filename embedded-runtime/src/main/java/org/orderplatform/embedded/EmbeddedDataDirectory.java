package org.orderplatform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.util.FileSystemUtils;

/** The directory the embedded servers keep their data in; an ephemeral one is deleted on close. */
public final class EmbeddedDataDirectory implements AutoCloseable {

    private final Path root;
    private final boolean ephemeral;

    private EmbeddedDataDirectory(Path root, boolean ephemeral) {
        this.root = root;
        this.ephemeral = ephemeral;
    }

    public static EmbeddedDataDirectory of(EmbeddedProperties properties) {
        try {
            if (properties.ephemeral()) {
                return new EmbeddedDataDirectory(Files.createTempDirectory("orders-embedded-"), true);
            }
            return new EmbeddedDataDirectory(
                    Files.createDirectories(properties.dataDir()).toAbsolutePath(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the embedded data directory " + properties.dataDir(), e);
        }
    }

    public Path resolve(String name) {
        return root.resolve(name);
    }

    public boolean ephemeral() {
        return ephemeral;
    }

    @Override
    public void close() throws IOException {
        if (ephemeral) {
            FileSystemUtils.deleteRecursively(root);
        }
    }
}
