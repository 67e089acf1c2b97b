package org.orderplatform.web.cursor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pagination cursors a client cannot forge: the position (a small text the list encodes as it
 * likes) and an HMAC of it, {@code base64url(position).base64url(mac)}. A cursor the server did
 * not make, or one changed on the way, is refused before its position is read, so nothing a
 * client invents reaches the query. The first key signs; every key verifies, so a key can be
 * rotated without breaking the cursors clients hold (add the new one first, drop the old later).
 */
public final class Cursors {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 16; // 128 bits: forging one is out of reach
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final List<SecretKeySpec> keys;

    public Cursors(List<byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("Cursors need at least one key");
        }
        this.keys = keys.stream().map(key -> new SecretKeySpec(key, ALGORITHM)).toList();
    }

    /** The cursor for this position. */
    public String seal(String position) {
        byte[] payload = position.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(keys.get(0), payload));
    }

    /** The position, if this server made the cursor (with any of its keys); empty otherwise. */
    public Optional<String> open(String cursor) {
        int dot = cursor.indexOf('.');
        if (dot < 0 || dot != cursor.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] given;
        try {
            payload = DECODER.decode(cursor.substring(0, dot));
            given = DECODER.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (SecretKeySpec key : keys) {
            if (MessageDigest.isEqual(mac(key, payload), given)) {
                return Optional.of(new String(payload, StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static byte[] mac(SecretKeySpec key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
