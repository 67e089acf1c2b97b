package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
        String saved = Files.readString(snapshot, StandardCharsets.UTF_8);
        if (!saved.equals(live)) {
            fail("""
                    %s is not the live /v3/api-docs; %s
                    If the API change is meant, refresh the file (git diff then shows every change) and \
                    commit it with the change:
                      mvn verify -pl app -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
                    -Dit.test=OpenApiSnapshotIT -Dfailsafe.failIfNoSpecifiedTests=false -D%s=true""".formatted(snapshot, difference(saved, live), UPDATE));
        }
    }

    /** Where the two first and last differ, in a few lines rather than two whole documents. */
    static String difference(String saved, String live) {
        List<String> before = saved.lines().toList();
        List<String> after = live.lines().toList();
        int start = 0;
        while (start < before.size()
                && start < after.size()
                && before.get(start).equals(after.get(start))) {
            start++;
        }
        int endBefore = before.size();
        int endAfter = after.size();
        while (endBefore > start
                && endAfter > start
                && before.get(endBefore - 1).equals(after.get(endAfter - 1))) {
            endBefore--;
            endAfter--;
        }
        StringBuilder out = new StringBuilder("from line " + (start + 1) + " (at most 20 lines each):\n");
        before.subList(start, Math.min(endBefore, start + 20)).forEach(line -> out.append("- " + line + "\n"));
        after.subList(start, Math.min(endAfter, start + 20)).forEach(line -> out.append("+ " + line + "\n"));
        return out.toString();
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
