package org.orderplatform.web.auth;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Locale;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

/**
 * The OpenAPI document's security, from the same rules the authentication stage enforces
 * ({@link PlatformAccess}, every module's {@link AccessRules}): one API-key scheme, required on exactly the operations that need a key,
 * with the scope each needs in its description; every other operation says it needs none.
 * Declared by hand, some operations named a scheme that did not exist.
 */
class AccessDocumentation implements GlobalOpenApiCustomizer {

    static final String SCHEME = "apiKey";

    private final PlatformAccess access;

    AccessDocumentation(PlatformAccess access) {
        this.access = access;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents()
                .addSecuritySchemes(
                        SCHEME,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER)
                                .name(ApiKeyAuthenticationFilter.HEADER)
                                .description("An API key (also accepted as Authorization: Bearer <key>)"));
        openApi.setSecurity(null);
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    var requirement = access.requirement(method.name().toUpperCase(Locale.ROOT), path);
                    if (requirement instanceof PlatformAccess.Requirement.Open) {
                        operation.setSecurity(List.of()); // explicitly none
                        return;
                    }
                    operation.setSecurity(List.of(new SecurityRequirement().addList(SCHEME)));
                    String needs = requirement instanceof PlatformAccess.Requirement.Scoped scoped
                            ? "Needs an API key with the `" + scoped.scope().value() + "` scope."
                            : "Needs an API key.";
                    String description = operation.getDescription();
                    if (description == null || !description.contains(needs)) {
                        operation.setDescription(
                                description == null || description.isBlank() ? needs : description + "\n\n" + needs);
                    }
                }));
    }
}
