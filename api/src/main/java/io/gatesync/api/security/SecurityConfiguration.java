package io.gatesync.api.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;

/**
 * Who may call what. Three ways in: HTTP Basic for scripts (checked on every request, never a session), a login
 * form for browsers (a session cookie, HttpOnly and SameSite=Strict, plus a CSRF token on every unsafe request),
 * and per-gate bearer tokens that can only post events. Users and their roles live in the users table.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties({AdminSettings.class, MetricsSettings.class, SecuritySettings.class})
public class SecurityConfiguration {

    private static final String[] EVENTS = {"/api/events", "/api/events/batch"};

    @Bean
    SecurityWebFilterChain apiSecurity(
            ServerHttpSecurity http,
            PasswordLogin passwords,
            GateTokens gates,
            SessionAccounts sessions,
            SessionIds sessionIds,
            AuthProblems problems) {
        AuthenticationWebFilter gateTokens = new AuthenticationWebFilter(gates::authenticate);
        gateTokens.setServerAuthenticationConverter(GateTokens::presented);
        gateTokens.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(problems));
        // its security context repository stays the default no-op one: a token is checked on every request

        return http.securityContextRepository(sessions)
                .requestCache(cache -> cache.requestCache(new SessionRequestCache(sessionIds)))
                .httpBasic(basic -> basic.authenticationManager(passwords)
                        .authenticationEntryPoint(problems)
                        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance()))
                .formLogin(form -> form.loginPage(LoginPage.PATH)
                        .authenticationManager(passwords)
                        .securityContextRepository(sessions)
                        .authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/zkteco"))
                        .authenticationFailureHandler(problems::loginFailed))
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutHandler(handlers -> handlers.add(new WebSessionServerLogoutHandler())))
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(BrowserRequests::needCsrfToken)
                        .accessDeniedHandler(problems))
                .addFilterAt(gateTokens, SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeExchange(SecurityConfiguration::routes)
                .build();
    }

    /** The route table of docs/security.md; anything not listed is for admins only. */
    private static void routes(AuthorizeExchangeSpec routes) {
        routes.pathMatchers("/actuator/health", "/actuator/health/**")
                .permitAll()
                .pathMatchers(HttpMethod.GET, LoginPage.PATH)
                .permitAll()
                .pathMatchers("/actuator/prometheus")
                .hasAnyRole(Role.METRICS.name(), Role.ADMIN.name())
                .pathMatchers(HttpMethod.POST, EVENTS)
                .hasAnyRole(Role.GATE.name(), Role.ADMIN.name())
                .pathMatchers(HttpMethod.GET, "/api/people", "/api/people/**", "/api/entry-logs")
                .hasAnyRole(Role.VIEWER.name(), Role.ADMIN.name())
                .pathMatchers("/zkteco/users", "/zkteco/users/**", "/zkteco/gates", "/zkteco/gates/**")
                .hasRole(Role.ADMIN.name())
                .pathMatchers(HttpMethod.GET, "/zkteco", "/zkteco/**")
                .hasAnyRole(Role.VIEWER.name(), Role.ADMIN.name())
                .anyExchange()
                .hasRole(Role.ADMIN.name());
    }

    /** BCrypt for new hashes; the {id} prefix lets a later, stronger encoder take over without a migration. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
