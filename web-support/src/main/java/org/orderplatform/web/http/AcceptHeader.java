package org.orderplatform.web.http;

import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;

/**
 * The {@code Accept} header as RFC 9110 reads it: a media range with {@code q=0} is one the client
 * does not accept. Spring's own strategy keeps such ranges (only ordering by quality), so
 * {@code Accept: application/json;q=0} was answered with JSON; here they are dropped, and a
 * header that accepts nothing is answered 406. A {@code charset} parameter is dropped: JSON is
 * UTF-8 (RFC 8259 defines no charset parameter, and says adding one has no effect), while Spring
 * took {@code application/json; charset=latin1} as an order to write Latin-1 and failed with a 500.
 */
public final class AcceptHeader implements ContentNegotiationStrategy {

    private final HeaderContentNegotiationStrategy header = new HeaderContentNegotiationStrategy();

    @Override
    public List<MediaType> resolveMediaTypes(NativeWebRequest request) throws HttpMediaTypeNotAcceptableException {
        List<MediaType> requested = header.resolveMediaTypes(request);
        if (requested == MEDIA_TYPE_ALL_LIST) {
            return requested; // no Accept header: anything goes
        }
        List<MediaType> accepted = requested.stream()
                .filter(type -> type.getQualityValue() > 0)
                .map(AcceptHeader::withoutCharset)
                .toList();
        if (accepted.isEmpty()) {
            throw new HttpMediaTypeNotAcceptableException(
                    "The Accept header accepts no media type (every range has q=0)");
        }
        return accepted;
    }

    private static MediaType withoutCharset(MediaType type) {
        if (type.getCharset() == null && !type.getParameters().containsKey("charset")) {
            return type;
        }
        var parameters = new LinkedHashMap<>(type.getParameters());
        parameters.remove("charset");
        return new MediaType(type.getType(), type.getSubtype(), parameters);
    }
}
