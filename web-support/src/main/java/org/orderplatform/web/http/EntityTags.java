package org.orderplatform.web.http;

import org.orderplatform.web.problem.ProblemException;
import org.orderplatform.web.problem.StandardProblem;

/**
 * Entity tags are aggregate versions: {@code ETag: "7"}. Conditional writes send the version they
 * are based on in {@code If-Match}; the aggregate rejects the command if it has moved on.
 */
public final class EntityTags {

    private EntityTags() {}

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Whether {@code If-None-Match} matches the current version: {@code *}, or any listed tag,
     * compared weakly (RFC 9110 13.1.2: {@code W/"3"} matches {@code "3"}).
     */
    public static boolean noneMatchHits(String ifNoneMatch, long version) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String current = of(version);
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*")) {
                return true;
            }
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.equals(current)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The version a conditional write is based on, from its {@code If-Match} header.
     *
     * @return the version, or {@code null} for {@code If-Match: *} (any current version)
     * @throws ProblemException 428 when the header is missing, 400 when it is not an entity-tag,
     *     412 when it is one that can never match (a weak or non-numeric tag)
     */
    public static Long requiredVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(
                    StandardProblem.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag of the version this change is based on, e.g. If-Match: \"0\"");
        }
        String tag = ifMatch.strip();
        if (tag.equals("*")) {
            return null;
        }
        if (tag.contains(",")) {
            throw new ProblemException(
                    StandardProblem.MALFORMED_REQUEST,
                    "If-Match must hold exactly one entity-tag: the version the change is based on");
        }
        boolean weak = tag.startsWith("W/");
        String opaque = weak ? tag.substring(2) : tag;
        if (opaque.length() < 2 || !opaque.startsWith("\"") || !opaque.endsWith("\"")) {
            throw new ProblemException(
                    StandardProblem.MALFORMED_REQUEST,
                    "If-Match is not an entity-tag; entity-tags are quoted, e.g. If-Match: \"3\"");
        }
        String value = opaque.substring(1, opaque.length() - 1);
        // If-Match uses the strong comparison (RFC 9110 13.1.1): a weak tag never matches.
        if (weak || !value.matches("\\d{1,18}")) {
            throw new ProblemException(
                    StandardProblem.PRECONDITION_FAILED, "If-Match " + tag + " does not match the current version");
        }
        return Long.parseLong(value);
    }
}
