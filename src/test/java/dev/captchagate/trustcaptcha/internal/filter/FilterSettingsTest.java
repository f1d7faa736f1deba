package dev.captchagate.trustcaptcha.internal.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.internal.config.Configuration;
import dev.captchagate.trustcaptcha.internal.config.Keys;
import dev.captchagate.trustcaptcha.internal.config.Mode;
import dev.captchagate.trustcaptcha.testing.MapConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterSettingsTest {

    private static final MapConfig KEYED = MapConfig.of("trustcaptcha.api-key", "ak_test");

    @Test
    void hasTheDocumentedDefaults() {
        FilterSettings settings = read(KEYED, Map.of());
        assertEquals(Set.of("POST", "PUT", "PATCH", "DELETE"), settings.methods());
        assertEquals("X-TrustCaptcha-Token", settings.tokenHeader());
        assertEquals("/verificationToken", settings.jsonPointer().toString());
        assertEquals("tc-verification-token", settings.formParam());
        assertEquals(65_536, settings.maxBodyBytes());
        assertEquals(403, settings.rejectStatus());
        assertEquals(0.5, settings.policy().maxScore());
        assertFalse(settings.checks("OPTIONS"));
        assertFalse(settings.checks("GET"));
    }

    @Test
    void describesTheDefaultsTheSameWayOnEveryStart() {
        assertEquals("checks POST, PUT, PATCH, DELETE; token from header X-TrustCaptcha-Token, JSON /verificationToken, "
                + "form field tc-verification-token; bodies up to 65536 bytes; refusals answer 403; max score 0.5",
                FilterSettings.defaults().toString());
        assertEquals(FilterSettings.defaults().toString(), read(KEYED, Map.of()).toString());
    }

    @Test
    void initParamsOverrideMicroProfileConfig() {
        MapConfig config = KEYED.with("trustcaptcha.token.header", "X-From-Config")
                .with("trustcaptcha.filter.methods", "post, put");
        FilterSettings settings = read(config, Map.of("token.header", "X-From-Init", "reject.status", "400",
                "token.json-pointer", "/captcha/token", "body.max-bytes", "1024", "token.form-param", "captcha"));
        assertEquals("X-From-Init", settings.tokenHeader());
        assertEquals(Set.of("POST", "PUT"), settings.methods());
        assertEquals(400, settings.rejectStatus());
        assertEquals("/captcha/token", settings.jsonPointer().toString());
        assertEquals(1024, settings.maxBodyBytes());
        assertEquals("captcha", settings.formParam());
    }

    @Test
    void reportsEveryInvalidValueWithItsSource() {
        Configuration.FilterConfiguration login = Configuration.read(KEYED.with("trustcaptcha.body.max-bytes", "-1")
                .with("trustcaptcha.filter.methods", "POST,OPTIONS,GE T"))
                .forFilter("login", Map.of("reject.status", "200", "token.header", "X Token",
                        "token.json-pointer", "captcha/token"));
        assertEquals(List.of(
                "trustcaptcha.filter.methods: OPTIONS is never checked (browsers send CORS preflights without a "
                        + "token); remove it",
                "trustcaptcha.filter.methods: expected HTTP methods separated by commas, found 'GE T'",
                "init-param token.header (filter 'login'): expected an HTTP header name, found 'X Token'",
                "init-param token.json-pointer (filter 'login'): expected an RFC 6901 JSON Pointer that starts with / "
                        + "such as /captcha/token, found 'captcha/token'",
                "trustcaptcha.body.max-bytes: expected a whole number from 1 to 16777216, found '-1'",
                "init-param reject.status (filter 'login'): expected a whole number from 400 to 499, found '200'"),
                login.problems());
    }

    @Test
    void readsThePolicyAndModeWithPerInstanceOverrides() {
        MapConfig config = KEYED.with("trustcaptcha.policy.max-score", "0.7")
                .with("trustcaptcha.policy.allowed-origins", "https://Shop.example.com:443, http://localhost:8080")
                .with("trustcaptcha.policy.allow-when-unreachable", "TRUE");
        FilterSettings global = read(config, Map.of());
        assertEquals(0.7, global.policy().maxScore());
        assertEquals(Set.of("https://shop.example.com", "http://localhost:8080"), global.policy().allowedOrigins());
        assertTrue(global.policy().allowWhenUnreachable());
        assertFalse(global.policy().rejectGatewayFailover());
        assertEquals(Mode.ENFORCE, global.mode());

        FilterSettings strict = read(config, Map.of("policy.max-score", "0.2", "policy.reject-gateway-failover", "true",
                "policy.allow-when-unreachable", "false", "mode", "Monitor"));
        assertEquals(0.2, strict.policy().maxScore());
        assertTrue(strict.policy().rejectGatewayFailover());
        assertFalse(strict.policy().allowWhenUnreachable());
        assertEquals(Mode.MONITOR, strict.mode());
    }

    @Test
    void reportsInvalidPolicyValues() {
        assertEquals(List.of(
                "trustcaptcha.policy.max-score: expected a number from 0.0 to 1.0, found '1.5'",
                "trustcaptcha.policy.allow-when-unreachable: expected true or false, found 'yes'",
                "trustcaptcha.policy.allowed-origins: expected origins such as https://shop.example.com, separated by "
                        + "commas, found 'shop.example.com'",
                "trustcaptcha.mode: expected enforce or monitor, found 'report'",
                "trustcaptcha.replay.ttl: expected a positive ISO-8601 duration such as PT15M, found '15m'"),
                Configuration.read(KEYED.with("trustcaptcha.policy.max-score", "1.5")
                        .with("trustcaptcha.policy.allow-when-unreachable", "yes")
                        .with("trustcaptcha.policy.allowed-origins", "https://ok.example, shop.example.com")
                        .with("trustcaptcha.mode", "report")
                        .with("trustcaptcha.replay.ttl", "15m")).problems());
    }

    @Test
    void reportsUnknownInitParamsWithTheClosestName() {
        Map<String, String> initParams = new LinkedHashMap<>();
        initParams.put("token.headr", "X-Captcha");
        initParams.put("body.max-bytes", "1024");
        initParams.put("colour", "blue");
        initParams.put("filter.url-patterns", "/login");
        initParams.put("replay.ttl", "PT1M");
        initParams.put("policy.max-scor", "0.3");
        initParams.put("replay.capacity", "10");
        initParams.put("resilience.max-concurrent", "8");
        initParams.put("policy.max-unverified-per-minute", "1");
        assertEquals(List.of(
                "filter 'login': unknown init-param 'token.headr', did you mean 'token.header'?",
                "filter 'login': unknown init-param 'colour'",
                "filter 'login': init-param 'filter.url-patterns' cannot be set per filter: it is the global key "
                        + "trustcaptcha.filter.url-patterns",
                "filter 'login': init-param 'replay.ttl' cannot be set per filter: it is the global key "
                        + "trustcaptcha.replay.ttl",
                "filter 'login': unknown init-param 'policy.max-scor', did you mean 'policy.max-score'?",
                "filter 'login': init-param 'replay.capacity' cannot be set per filter: it is the global key "
                        + "trustcaptcha.replay.capacity",
                "filter 'login': init-param 'resilience.max-concurrent' cannot be set per filter: it is the global key "
                        + "trustcaptcha.resilience.max-concurrent",
                "filter 'login': init-param 'policy.max-unverified-per-minute' cannot be set per filter: it is the "
                        + "global key trustcaptcha.policy.max-unverified-per-minute"),
                Configuration.read(KEYED).forFilter("login", initParams).problems());
    }

    @Test
    void validatesTheGlobalKeysAtDeployment() {
        assertEquals(List.of(
                "trustcaptcha.reject.status: expected a whole number from 400 to 499, found '503'",
                "trustcaptcha.filter.url-patterns: expected servlet URL patterns such as /api/*, /login or *.do, "
                        + "separated by commas, found 'api/*'"),
                Configuration.read(KEYED.with("trustcaptcha.reject.status", "503")
                        .with("trustcaptcha.filter.url-patterns", "/login, api/*")).problems());
    }

    @Test
    void knowsServletUrlPatterns() {
        for (String valid : new String[] {"/", "/*", "/login", "/api/*", "*.do", "/a/b.c"}) {
            assertTrue(Keys.isUrlPattern(valid), valid);
        }
        for (String invalid : new String[] {"api/*", "/api*", "/*/x", "*.", "*.a/b", "/a b", "**", "login"}) {
            assertFalse(Keys.isUrlPattern(invalid), invalid);
        }
    }

    private static FilterSettings read(MapConfig config, Map<String, String> initParams) {
        Configuration.FilterConfiguration configuration = Configuration.read(config).forFilter("test", initParams);
        assertEquals(List.of(), configuration.problems());
        return FilterSettings.of(configuration);
    }
}
