package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/openapi.json}, the document users generate clients from (client-walkthrough
 * does), equal to the live {@code /v3/api-docs}. Run with {@code -Dopenapi.snapshot.update=true}
 * to write the live document to the file instead of comparing.
 *
 * <p>The snapshot is what a deployment serves: without this suite's own {@code /api/test/}
 * endpoints, with the server named as a local run names it (the live one has this run's random
 * port), and with every object's keys sorted so that a change reads as a small diff.
 */
class OpenApiSnapshotIT extends PlatformIT {

    static final String UPDATE = "openapi.snapshot.update";
    static final String LOCAL_SERVER = "http://localhost:8080";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    // two spaces, "key": value, one array element a line, \n whatever the platform
    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(INDENT)
            .withArrayIndenter(INDENT);

    // failsafe runs in the module's directory (app/); the snapshot is the repository's
    private final Path snapshot =
            Path.of("..", "docs", "openapi.json").toAbsolutePath().normalize();

    @Test
    void theSnapshotIsTheLiveDocument() throws IOException {
        String live = snapshotOf(api().get("/v3/api-docs").send().json());

        if (Boolean.getBoolean(UPDATE)) {
            Files.writeString(snapshot, live, StandardCharsets.UTF_8);
        }

        assertThat(Files.exists(snapshot)).as(snapshot + " exists").isTrue();
        assertThat(Files.readString(snapshot, StandardCharsets.UTF_8))
                .as("""
                        %s is not the live /v3/api-docs. If the API change is meant, refresh the file and \
                        commit it with the change:
                          mvn verify -pl app -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
                        -Dit.test=OpenApiSnapshotIT -D%s=true""", snapshot, UPDATE)
                .isEqualTo(live);
    }

    static String snapshotOf(JsonNode document) throws IOException {
        ObjectNode copy = (ObjectNode) document.deepCopy();
        ObjectNode paths = (ObjectNode) copy.get("paths");
        List<String> testPaths = new ArrayList<>();
        paths.fieldNames().forEachRemaining(path -> {
            if (path.startsWith("/api/test/")) {
                testPaths.add(path);
            }
        });
        paths.remove(testPaths);
        dropUnusedTags(copy);
        if (copy.get("servers") instanceof ArrayNode servers) {
            servers.forEach(server -> ((ObjectNode) server).put("url", LOCAL_SERVER));
        }
        // through a map, so ORDER_MAP_ENTRIES_BY_KEYS sorts every object's keys
        Object sorted = JSON.treeToValue(copy, Object.class);
        return JSON.writer(PRETTY).writeValueAsString(sorted) + "\n";
    }

    /** Drops the tags that only the test endpoints had; sorts the rest by name. */
    private static void dropUnusedTags(ObjectNode document) {
        if (!(document.get("tags") instanceof ArrayNode tags)) {
            return;
        }
        Set<String> used = new HashSet<>();
        document.get("paths")
                .forEach(item -> item.forEach(operation -> {
                    if (operation.get("tags") != null) {
                        operation.get("tags").forEach(tag -> used.add(tag.asText()));
                    }
                }));
        List<JsonNode> kept = new ArrayList<>();
        tags.forEach(tag -> {
            if (used.contains(tag.get("name").asText())) {
                kept.add(tag);
            }
        });
        // springdoc collects them in no particular order
        kept.sort(Comparator.comparing(tag -> tag.get("name").asText()));
        tags.removeAll();
        tags.addAll(kept);
    }
}
