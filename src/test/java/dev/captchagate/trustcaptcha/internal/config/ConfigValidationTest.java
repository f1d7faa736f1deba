package dev.captchagate.trustcaptcha.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.testing.MapConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {

    private static final String KEY = "ak_" + "x".repeat(49);
    private static final MapConfig VALID = MapConfig.of("trustcaptcha.api-key", KEY);

    @Test
    void usesTheVendorDefaultsWhenNothingElseIsSet() {
        ClientSettings settings = read(VALID);
        assertEquals(URI.create("https://api.trustcomponent.com"), settings.apiUrl());
        assertEquals(Duration.ofMillis(3000), settings.connectTimeout());
        assertEquals(Duration.ofMillis(5000), settings.readTimeout());
        assertEquals(Duration.ofMillis(8000), settings.deadline());
        assertFalse(settings.insecure());
        assertEquals("Bearer " + KEY, settings.apiKey().bearerAuthorization());
    }

    @Test
    void hasAJustifiedBulkheadAndBreakerByDefaultAndTakesOthers() {
        ClientSettings defaults = read(VALID);
        assertEquals(64, defaults.maxConcurrent());
        assertEquals(Duration.ofSeconds(5), defaults.breakerDelay());
        ClientSettings set = read(VALID.with("trustcaptcha.resilience.max-concurrent", "8")
                .with("trustcaptcha.resilience.breaker-delay", "PT0S"));
        assertEquals(8, set.maxConcurrent());
        assertEquals(Duration.ZERO, set.breakerDelay(), "PT0S switches the breaker off");
        assertEquals(List.of(
                "trustcaptcha.resilience.max-concurrent: expected a whole number from 1 to 10000, found '0'",
                "trustcaptcha.resilience.breaker-delay: expected an ISO-8601 duration such as PT5S, or PT0S for none, "
                        + "found '-PT1S'"),
                Configuration.read(VALID.with("trustcaptcha.resilience.max-concurrent", "0")
                        .with("trustcaptcha.resilience.breaker-delay", "-PT1S")).problems());
    }

    @Test
    void capsRequestsLetThroughUnverifiedAndSizesTheReplayGuard() {
        assertEquals(60, read(VALID).maxUnverifiedPerMinute());
        assertEquals(0, read(VALID.with("trustcaptcha.policy.max-unverified-per-minute", "0"))
                .maxUnverifiedPerMinute());
        assertEquals(List.of(), Configuration.read(VALID.with("trustcaptcha.replay.capacity", "1000000")
                .with("trustcaptcha.replay.cache", "my-replay").with("trustcaptcha.replay.ttl", "PT1S")).problems());
        assertEquals(List.of(
                "trustcaptcha.policy.max-unverified-per-minute: expected a whole number from 0 to 1000000, found '-1'",
                "trustcaptcha.replay.ttl: expected a duration of at least one second, such as PT15M, found 'PT0.5S'",
                "trustcaptcha.replay.capacity: expected a whole number from 1 to 100000000, found '0'"),
                Configuration.read(VALID.with("trustcaptcha.policy.max-unverified-per-minute", "-1")
                        .with("trustcaptcha.replay.ttl", "PT0.5S").with("trustcaptcha.replay.capacity", "0")).problems());
    }

    @Test
    void takesTheRestClientKeys() {
        ClientSettings settings = read(VALID.with("trustcaptcha/mp-rest/url", "http://127.0.0.1:8181/base")
                .with("trustcaptcha/mp-rest/connectTimeout", "250")
                .with("trustcaptcha/mp-rest/readTimeout", " 750 "));
        assertEquals(URI.create("http://127.0.0.1:8181/base"), settings.apiUrl());
        assertEquals(Duration.ofMillis(250), settings.connectTimeout());
        assertEquals(Duration.ofMillis(750), settings.readTimeout());
        assertTrue(settings.insecure());
        assertEquals("http://127.0.0.1:8181/base", settings.apiLocation());
        assertEquals("https://api.example", read(VALID.with("trustcaptcha/mp-rest/url", "https://u:p@api.example/"))
                .apiLocation());
    }

    @Test
    void resolvesTheRestClientKeysInTheSpecsOrder() {
        String byInterface = "dev.captchagate.trustcaptcha.internal.api.TrustCaptchaApi/mp-rest/";
        ClientSettings settings = read(VALID
                .with("trustcaptcha/mp-rest/url", "https://by-config-key-url.example")
                .with("trustcaptcha/mp-rest/uri", "https://by-config-key-uri.example")
                .with(byInterface + "url", "https://by-interface-url.example")
                .with("trustcaptcha/mp-rest/readTimeout", "1000")
                .with(byInterface + "readTimeout", "2000"));
        assertEquals(URI.create("https://by-interface-url.example"), settings.apiUrl());
        assertEquals(Duration.ofMillis(2000), settings.readTimeout());
        assertEquals(URI.create("https://by-config-key-uri.example"), read(VALID
                .with("trustcaptcha/mp-rest/url", "https://by-config-key-url.example")
                .with("trustcaptcha/mp-rest/uri", "https://by-config-key-uri.example")).apiUrl());
    }

    @Test
    void aMissingApiKeyFailsTheDeploymentNamingTheKey() {
        String expected = "trustcaptcha.api-key is missing or blank: set it to your TrustCaptcha API key (ak_...), "
                + "for example with the environment variable TRUSTCAPTCHA_API_KEY";
        assertEquals(List.of(expected), Configuration.read(MapConfig.of()).problems());
        assertEquals(List.of(expected), Configuration.read(MapConfig.of("trustcaptcha.api-key", "   \t")).problems());
    }

    @Test
    void anApiKeyWithSpacesInsideIsRefusedWithoutBeingShown() {
        List<String> problems = Configuration.read(MapConfig.of("trustcaptcha.api-key", "ak_secret part")).problems();
        assertEquals(List.of("trustcaptcha.api-key contains spaces or control characters inside the key: an API key "
                + "is one word of printable ASCII"), problems);
    }

    @Test
    void anApiKeyIsStrippedOfSurroundingWhitespace() {
        assertEquals("Bearer " + KEY,
                read(MapConfig.of("trustcaptcha.api-key", " " + KEY + "\n")).apiKey().bearerAuthorization());
    }

    @Test
    void refusesFollowingRedirectsHoweverItIsSpelled() {
        for (String truth : new String[] {"true", "TRUE", "yes", "on", "1"}) {
            assertEquals(List.of("trustcaptcha/mp-rest/followRedirects: redirects are never followed (a redirect could "
                    + "carry the API key to another host); remove the key or set it to false, found '" + truth + "'"),
                    Configuration.read(VALID.with("trustcaptcha/mp-rest/followRedirects", truth)).problems(), truth);
        }
        assertEquals(List.of(), Configuration.read(VALID.with("trustcaptcha/mp-rest/followRedirects", "false")).problems());
    }

    @Test
    void reportsEveryProblemAtOnceWithKeyAllowedValuesAndTheValueFound() {
        List<String> problems = Configuration.read(MapConfig.of(
                "trustcaptcha/mp-rest/url", "api.trustcomponent.com",
                "trustcaptcha/mp-rest/connectTimeout", "-1",
                "trustcaptcha/mp-rest/readTimeout", "5s")).problems();
        assertEquals(List.of(
                "trustcaptcha.api-key is missing or blank: set it to your TrustCaptcha API key (ak_...), for example "
                        + "with the environment variable TRUSTCAPTCHA_API_KEY",
                "trustcaptcha/mp-rest/url: expected an absolute http or https URL with a host and no query, such as "
                        + "https://api.trustcomponent.com, found 'api.trustcomponent.com'",
                "trustcaptcha/mp-rest/connectTimeout: expected a positive number of milliseconds, found '-1'",
                "trustcaptcha/mp-rest/readTimeout: expected a positive number of milliseconds, found '5s'"),
                problems);
    }

    @Test
    void aKeyListedUnderItsEnvironmentNameAsSmallRyeListsItIsKnown() {
        // WildFly's SmallRye Config lists TRUSTCAPTCHA_API_KEY and TRUSTCAPTCHA_MP_REST_URL as these names, and looks
        // the keys up through the same variables, so each known key reads the value its listed name has.
        String key = "ak_" + "e".repeat(49);
        MapConfig environment = MapConfig.of("trustcaptcha.api-key", key, "trustcaptcha.api.key", key,
                "trustcaptcha/mp-rest/url", "http://127.0.0.1:9", "trustcaptcha.mp.rest.url", "http://127.0.0.1:9");
        assertEquals(List.of(), Configuration.read(environment).problems());
        // A name in a file that only resembles a key is not read as the key: still unknown.
        assertEquals(List.of("trustcaptcha.policy.max.score: unknown key, did you mean trustcaptcha.policy.max-score?"),
                Configuration.read(VALID.with("trustcaptcha.policy.max.score", "0.3")).problems());
        assertEquals("TRUSTCAPTCHA_MP_REST_URL", Configuration.environmentForm("trustcaptcha/mp-rest/url"));
    }

    @Test
    void refusesUrlsThatAreNotAnHttpHost() {
        for (String url : new String[] {"ftp://api.trustcomponent.com", "https://", "https://api.example?x=1",
            "https://api.example#frag", "//api.example", "https://exa mple.com", "0"}) {
            List<String> problems = Configuration.read(VALID.with("trustcaptcha/mp-rest/url", url)).problems();
            assertEquals(1, problems.size(), url);
            assertTrue(problems.get(0).startsWith("trustcaptcha/mp-rest/url: expected an absolute http or https URL"),
                    problems.get(0));
        }
    }

    @Test
    void reportsUnknownKeysUnderThePrefixNamingTheClosestOne() {
        assertEquals(List.of(
                "trustcaptcha.colour: unknown key",
                "trustcaptcha.polcy.max-score: unknown key, did you mean trustcaptcha.policy.max-score?",
                "trustcaptcha.token.headers: unknown key, did you mean trustcaptcha.token.header?"),
                Configuration.read(VALID.with("trustcaptcha.token.headers", "X")
                        .with("trustcaptcha.polcy.max-score", "0.3")
                        .with("trustcaptcha.colour", "blue")
                        .with("trustcaptchaX.other", "not ours")
                        .with("TRUSTCAPTCHA_API_KEY", "an environment variable, not a key under the prefix")).problems());
    }

    @Test
    void everyDocumentedKeyIsKnown() {
        for (Key<?> key : Keys.ALL) {
            assertTrue(key.name().startsWith(key.reading() == Key.Reading.LIBRARY ? "trustcaptcha." : "trustcaptcha/"),
                    key.name());
        }
        assertEquals(26, Keys.ALL.stream().filter(key -> key.reading() == Key.Reading.LIBRARY).count());
        assertEquals(4, Keys.ALL.stream().filter(key -> key.reading() == Key.Reading.REST_CLIENT).count());
    }

    @Test
    void aValueOfSpacesIsInvalidForANumberAndUnsetForANameOrAList() {
        assertEquals(List.of(
                "trustcaptcha/mp-rest/connectTimeout: expected a positive number of milliseconds, found '  '",
                "trustcaptcha.body.max-bytes: expected a whole number from 1 to 16777216, found ' '",
                "trustcaptcha.policy.allow-when-unreachable: expected true or false, found ' '",
                "trustcaptcha.replay.ttl: expected a positive ISO-8601 duration such as PT15M, found ' '"),
                Configuration.read(VALID.with("trustcaptcha/mp-rest/connectTimeout", "  ")
                        .with("trustcaptcha.body.max-bytes", " ").with("trustcaptcha.policy.allow-when-unreachable", " ")
                        .with("trustcaptcha.replay.ttl", " ")).problems());
        Configuration blankNames = Configuration.read(VALID.with("trustcaptcha.token.header", " ")
                .with("trustcaptcha.filter.methods", " , ").with("trustcaptcha.mode", " ")
                .with("trustcaptcha.replay.cache", "  "));
        assertEquals(List.of(), blankNames.problems());
        assertEquals("X-TrustCaptcha-Token", blankNames.get(Keys.TOKEN_HEADER));
        assertEquals(List.of("POST", "PUT", "PATCH", "DELETE"), List.copyOf(blankNames.get(Keys.METHODS)));
        assertEquals(Mode.ENFORCE, blankNames.get(Keys.MODE));
        assertEquals("trustcaptcha-replay", blankNames.get(Keys.REPLAY_CACHE));
    }

    @Test
    void aBlankInitParamIsItsKeysDefaultAndAnEmptyOneIsUnset() {
        Configuration configuration = Configuration.read(VALID.with("trustcaptcha.token.header", "X-Global")
                .with("trustcaptcha.body.max-bytes", "1024"));
        Configuration.FilterConfiguration blank = configuration.forFilter("f", Map.of("token.header", " "));
        assertEquals(List.of(), blank.problems());
        assertEquals("X-TrustCaptcha-Token", blank.get(Keys.TOKEN_HEADER), "as before: a blank name is the default");
        assertEquals("X-Global", configuration.forFilter("f", Map.of("token.header", "")).get(Keys.TOKEN_HEADER));
        assertEquals(List.of("init-param body.max-bytes (filter 'f'): expected a whole number from 1 to 16777216, "
                + "found ' '"), configuration.forFilter("f", Map.of("body.max-bytes", " ")).problems());
    }

    @Test
    void keysNamedAfterTheFormerRestClientInterfaceAreReported() {
        assertEquals(List.of("dev.captchagate.trustcaptcha.client.TrustCaptchaApi/mp-rest/trustStore: the REST client "
                + "interface is internal now and is not configured by its name; use trustcaptcha/mp-rest/trustStore"),
                Configuration.read(VALID.with("dev.captchagate.trustcaptcha.client.TrustCaptchaApi/mp-rest/trustStore",
                        "classpath:trust.p12")).problems());
        String former = "dev.captchagate.trustcaptcha.client.TrustCaptchaApi/mp-rest/url";
        MapConfig unlisted = VALID.with(former, "https://api.example").unlisting(former);
        assertEquals(List.of("dev.captchagate.trustcaptcha.client.TrustCaptchaApi/mp-rest/url: the REST client "
                + "interface is internal now and is not configured by its name; use trustcaptcha/mp-rest/url"),
                Configuration.read(unlisted).problems(), "found by name, not only by listing");
    }

    @Test
    void anApplicationsConfigurationIsReadOnce() {
        MapConfig config = VALID.with("trustcaptcha.reject.status", "400");
        assertSame(Configuration.of(config), Configuration.of(config), "every part asks the same instance");
        assertNotSame(Configuration.of(config), Configuration.of(VALID.with("trustcaptcha.reject.status", "400")),
                "another application's Config is read on its own");
    }

    @Test
    void theDeploymentMessageListsTheProblems() {
        assertEquals("TrustCaptcha configuration is invalid (2 problems):\n - a\n - b",
                ConfigMessages.deploymentFailed(List.of("a", "b")));
        assertEquals("TrustCaptcha configuration is invalid (1 problem):\n - a",
                ConfigMessages.deploymentFailed(List.of("a")));
    }

    @Test
    void echoedValuesShowControlCharactersEscaped() {
        List<String> problems = Configuration.read(VALID.with("trustcaptcha/mp-rest/readTimeout", "1\r\n2")).problems();
        assertEquals(List.of("trustcaptcha/mp-rest/readTimeout: expected a positive number of milliseconds, "
                + "found '1\\u000d\\u000a2'"), problems);
    }

    @Test
    void theKeyNeverShowsInToString() {
        ClientSettings settings = read(VALID);
        assertFalse(settings.toString().contains(KEY));
        assertFalse(settings.apiKey().toString().contains("xxxx"));
        assertEquals("ak_*** (52 characters)", settings.apiKey().toString());
    }

    @Test
    void theDefaultsSourceRanksBelowEverySpecSource() {
        DefaultsConfigSource defaults = new DefaultsConfigSource();
        assertTrue(defaults.getOrdinal() < 100);
        assertEquals("3000", defaults.getValue("trustcaptcha/mp-rest/connectTimeout"));
        assertEquals("5000", defaults.getValue("trustcaptcha/mp-rest/readTimeout"));
        assertEquals("https://api.trustcomponent.com", defaults.getValue("trustcaptcha/mp-rest/url"));
        assertEquals("false", defaults.getValue("trustcaptcha/mp-rest/followRedirects"));
    }

    private static ClientSettings read(MapConfig config) {
        Configuration configuration = Configuration.read(config);
        assertEquals(List.of(), configuration.problems());
        return ClientSettings.of(configuration);
    }
}
