package io.periodclose.web.security;

import io.periodclose.BadInputException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With period-close.public-url set, redirects name that address, whatever Host the request claims. */
class PublicUrlRedirectsTest {

    @Test
    void aRedirectToAPathOfThisServerUsesThePublicUrl() throws Exception {
        var filter = new PublicUrlRedirects.Filter("https://close.example.com/");
        assertThat(redirect(filter, "", "/login")).isEqualTo("https://close.example.com/login");
        assertThat(redirect(filter, "/pc", "/pc/executions/7")).isEqualTo("https://close.example.com/executions/7");
        assertThat(redirect(filter, "", "https://elsewhere.example/x")).isEqualTo("https://elsewhere.example/x");
        assertThat(redirect(filter, "", "//evil.example/x")).isEqualTo("//evil.example/x");
        assertThat(redirect(new PublicUrlRedirects.Filter(""), "", "/login")).isEqualTo("/login");
    }

    @Test
    void whereASignInLandsIsThePathAndQueryOfTheSavedRequestNeverItsHost() {
        assertThat(PortalSignIn.pathAndQuery("http://evil.example/executions?x=1&continue"))
                .isEqualTo("/executions?x=1&continue");
        assertThat(PortalSignIn.pathAndQuery("https://evil.example:8443")).isEqualTo("/");
        assertThat(PortalSignIn.pathAndQuery("http://evil.example?next=a/b")).isEqualTo("/?next=a/b");
        assertThat(PortalSignIn.pathAndQuery("http://localhost//evil.example/x")).isEqualTo("/");
        assertThat(PortalSignIn.pathAndQuery("http://localhost/\\evil.example/x")).isEqualTo("/");
    }

    @Test
    void aPublicUrlThatIsNoHttpAddressStopsTheStart() {
        for (String bad : new String[] {"close.example.com", "ftp://close.example.com", "https://x.example/?a=1"}) {
            assertThatThrownBy(() -> new PublicUrlRedirects.Filter(bad)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("period-close.public-url");
        }
    }

    private static String redirect(PublicUrlRedirects.Filter filter, String contextPath, String location)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", contextPath + "/executions");
        request.setContextPath(contextPath);
        request.addHeader("Host", "evil.example");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res)
                    throws java.io.IOException {
                ((jakarta.servlet.http.HttpServletResponse) res).sendRedirect(location);
            }
        });
        return response.getRedirectedUrl();
    }
}
