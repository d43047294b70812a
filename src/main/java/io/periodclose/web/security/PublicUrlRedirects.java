package io.periodclose.web.security;

import io.periodclose.BadInputException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Redirects never say where the server is from what the request claims. Tomcat keeps a redirect's location
 * relative ({@code server.tomcat.use-relative-redirects=true}), so the browser resolves it against the address it
 * used, and a forged {@code Host} header is never echoed back. When {@code period-close.public-url} is set (the
 * address at which people reach {@code serve}, e.g. {@code https://close.example.com} behind a reverse proxy),
 * every redirect to a path of this server is made absolute with that address instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PublicUrlRedirects {

    @Bean
    FilterRegistrationBean<Filter> publicUrlRedirectFilter(@Value("${period-close.public-url:}") String publicUrl) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter(publicUrl));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.setEnabled(!publicUrl.isBlank());
        return registration;
    }

    /** Prefixes the public URL to every redirect to a path of this server. */
    public static final class Filter extends OncePerRequestFilter {

        private final String base;

        public Filter(String publicUrl) {
            this.base = publicUrl.isBlank() ? "" : validated(publicUrl.trim());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (base.isEmpty()) {
                chain.doFilter(request, response);
                return;
            }
            String contextPath = request.getContextPath();
            chain.doFilter(request, new HttpServletResponseWrapper(response) {
                @Override
                public void sendRedirect(String location) throws IOException {
                    super.sendRedirect(absolute(location, contextPath));
                }

                @Override
                public void sendRedirect(String location, int sc) throws IOException {
                    super.sendRedirect(absolute(location, contextPath), sc);
                }

                @Override
                public void sendRedirect(String location, boolean clearBuffer) throws IOException {
                    super.sendRedirect(absolute(location, contextPath), clearBuffer);
                }

                @Override
                public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
                    super.sendRedirect(absolute(location, contextPath), sc, clearBuffer);
                }
            });
        }

        String absolute(String location, String contextPath) {
            if (location == null || !location.startsWith("/") || location.startsWith("//")) {
                return location; // absolute already, or relative to the current page
            }
            String path = !contextPath.isEmpty() && location.startsWith(contextPath)
                    ? location.substring(contextPath.length()) : location;
            return base + (path.startsWith("/") ? path : "/" + path);
        }

        private static String validated(String publicUrl) {
            try {
                URI uri = new URI(publicUrl);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                        || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
                    throw new URISyntaxException(publicUrl, "not an http or https address without query");
                }
                return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
            } catch (URISyntaxException e) {
                throw new BadInputException("period-close.public-url: '" + publicUrl + "' must be the http(s)"
                        + " address people reach serve at, e.g. https://close.example.com", e);
            }
        }
    }
}
