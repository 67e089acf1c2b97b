package org.orderplatform.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalecube.cluster.metadata.MetadataCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Metadata on the wire as JSON rather than Java serialization: readable by any member whatever
 * its version (a canary may add a field; an older stable node ignores it), and no deserialization
 * of classes chosen by the sender.
 */
final class JsonMetadataCodec implements MetadataCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Override
    public Object deserialize(ByteBuffer buffer) {
        if (buffer == null || buffer.remaining() == 0) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        try {
            return JSON.readValue(bytes, NodeMetadata.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ByteBuffer serialize(Object metadata) {
        if (metadata == null) {
            return ByteBuffer.allocate(0);
        }
        try {
            return ByteBuffer.wrap(JSON.writeValueAsBytes(metadata));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NodeMetadata decode(ByteBuffer buffer) {
        return (NodeMetadata) new JsonMetadataCodec().deserialize(buffer);
    }
}
