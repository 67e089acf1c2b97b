package org.orderplatform.web.cursor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorsTest {

    private static final byte[] OLD = "an old key of at least thirty-two characters".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEW =
            "a new key, also of at least thirty-two characters".getBytes(StandardCharsets.UTF_8);

    @Test
    void aCursorOpensToItsPosition() {
        Cursors cursors = new Cursors(List.of(NEW));

        assertThat(cursors.open(cursors.seal("2026-01-01T00:00:00Z|ä\n✓"))).contains("2026-01-01T00:00:00Z|ä\n✓");
    }

    @Test
    void aChangedPositionOrSignatureIsRefused() {
        Cursors cursors = new Cursors(List.of(NEW));
        String cursor = cursors.seal("position");
        String signature = cursor.substring(cursor.indexOf('.') + 1);

        assertThat(cursors.open(encode("positioN") + "." + signature)).isEmpty();
        assertThat(cursors.open(encode("position") + "." + flipFirst(signature)))
                .isEmpty();
        assertThat(cursors.open(encode("position"))).isEmpty();
        assertThat(cursors.open(encode("position") + ".")).isEmpty();
        assertThat(cursors.open(cursor + "." + signature)).isEmpty();
        assertThat(cursors.open("not base64!." + signature)).isEmpty();
        assertThat(cursors.open("")).isEmpty();
    }

    @Test
    void aKeyIsRotatedWithoutBreakingTheCursorsClientsHold() {
        String issuedBefore = new Cursors(List.of(OLD)).seal("position");
        Cursors rotating = new Cursors(List.of(NEW, OLD));
        Cursors rotated = new Cursors(List.of(NEW));

        assertThat(rotating.open(issuedBefore)).contains("position");
        assertThat(rotated.open(issuedBefore)).isEmpty();
        assertThat(rotated.open(rotating.seal("position")))
                .as("the first key signs")
                .contains("position");
    }

    private static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String flipFirst(String signature) {
        return (signature.startsWith("A") ? "B" : "A") + signature.substring(1);
    }
}
