package io.periodclose.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.Optional;
import java.util.Locale;

/**
 * The language of the admin interface of {@code serve}: Russian or English, its words in
 * {@code i18n/messages*.properties}. {@code ?lang=ru} or {@code ?lang=en} (the RU | EN switch in every page's header)
 * chooses and is remembered in the session; without a choice, the first of Russian or English in the browser's
 * Accept-Language wins; with no Accept-Language, or one naming neither, English, so scripts and API clients see
 * what they always saw. The portal keeps its own words and its own choice ({@code portal.PortalText}, Russian by
 * default); the API and the CSV downloads are machine-formatted in every language.
 */
@Configuration(proxyBeanMethods = false)
class AdminLocale implements WebMvcConfigurer {

    /** Named {@code localeResolver}: the DispatcherServlet's, in place of Boot's Accept-Language one. */
    @Bean
    LocaleResolver localeResolver() {
        return new Resolver();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).excludePathPatterns("/portal", "/portal/**", "/api/**");
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                // the header's RU | EN links: this page in the other language (request attributes, so the error
                // pages of exception handlers have them too)
                request.setAttribute("languageRu", link(request, "ru"));
                request.setAttribute("languageEn", link(request, "en"));
                return true;
            }
        }).excludePathPatterns("/portal", "/portal/**", "/api/**");
    }

    /**
     * This page in another language: its path (relative to the server, never from the Host header) and its query
     * with {@code lang} replaced.
     */
    static String link(HttpServletRequest request, String lang) {
        String query = request.getQueryString();
        try {
            return UriComponentsBuilder.fromUriString(request.getRequestURI() + (query == null ? "" : "?" + query))
                    .replaceQueryParam("lang", lang).build().toUriString();
        } catch (IllegalArgumentException e) {
            return request.getRequestURI() + "?lang=" + lang;
        }
    }

    /** The session's choice; else the first of Russian or English in Accept-Language; else English. */
    static final class Resolver extends SessionLocaleResolver {

        Resolver() {
            setDefaultLocaleFunction(Resolver::fromHeader);
        }

        static Locale fromHeader(HttpServletRequest request) {
            return Languages.firstAccepted(request).orElse(Languages.ENGLISH);
        }

        @Override
        public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
            Optional<Locale> supported = Languages.supported(locale);
            if (supported.isPresent() || locale == null) {
                super.setLocale(request, response, supported.orElse(null));
            }
        }
    }
}
