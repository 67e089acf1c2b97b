package org.orderplatform.web.problem;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Every problem type the platform answers with, by slug, from every module's catalogue. */
public final class ProblemTypes {

    private final Map<String, ProblemType> bySlug = new LinkedHashMap<>();

    public ProblemTypes(List<ProblemCatalogue> catalogues) {
        catalogues.forEach(catalogue -> catalogue.types().forEach(type -> {
            ProblemType known = bySlug.putIfAbsent(type.slug(), type);
            if (known != null && !alike(known, type)) {
                throw new IllegalStateException("Problem type " + type.slug() + " of " + catalogue.module()
                        + " is defined differently elsewhere: a client could not rely on its meaning");
            }
        }));
    }

    public Collection<ProblemType> all() {
        return bySlug.values();
    }

    public Optional<ProblemType> find(String slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }

    private static boolean alike(ProblemType one, ProblemType other) {
        return one.status() == other.status()
                && Objects.equals(one.title(), other.title())
                && Objects.equals(one.description(), other.description());
    }
}
