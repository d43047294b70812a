package io.periodclose.web.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's OpenAPI description at /v3/api-docs (and a browsable form at /swagger-ui/index.html). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI periodCloseApi() {
        return new OpenAPI()
                .info(new Info().title("period-close API").version("1")
                        .description("Launch, poll and restart the quarter close and the year-end; read statements,"
                                + " distributors' accounts and the audit trail. Every request authenticates with"
                                + " HTTP Basic; roles: FINANCE reads, OPERATOR also launches and schedules, ADMIN"
                                + " also restarts, stops and abandons. A refusal by a period rule is 409."))
                .components(new Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
