package dev.captchagate.trustcaptcha.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.testing.MapConfig;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Named policies of {@code @CaptchaProtected}: {@code trustcaptcha.policies.<name>.<key>}, checked as init-params. */
class NamedPoliciesTest {

    private static final MapConfig VALID = MapConfig.of("trustcaptcha.api-key", "ak_" + "x".repeat(49),
            "trustcaptcha.policy.max-score", "0.6", "trustcaptcha.token.header", "X-Captcha");

    @Test
    void aPolicysKeysOverrideTheApplicationsPerFilterKeys() {
        MapConfig config = VALID.with("trustcaptcha.policies.signup.max-score", "0.3")
                .with("trustcaptcha.policies.signup.methods", "POST,GET")
                .with("trustcaptcha.policies.signup.allowed-origins", "https://shop.example.com")
                .with("trustcaptcha.policies.api.token.header", "X-Api-Captcha")
                .with("trustcaptcha.policies.api.mode", "monitor");
        Configuration configuration = Configuration.read(config);
        assertEquals(List.of(), configuration.problems());
        assertEquals(Set.of("api", "signup"), configuration.policyNames());

        Configuration.FilterConfiguration signup = configuration.policy("signup", config).orElseThrow();
        assertEquals(0.3, signup.get(Keys.POLICY_MAX_SCORE));
        assertEquals(Set.of("POST", "GET"), signup.get(Keys.METHODS));
        assertEquals(Set.of("https://shop.example.com"), signup.get(Keys.POLICY_ALLOWED_ORIGINS));
        assertEquals("X-Captcha", signup.get(Keys.TOKEN_HEADER), "the application's key where the policy has none");

        Configuration.FilterConfiguration api = configuration.policy("api", config).orElseThrow();
        assertEquals(0.6, api.get(Keys.POLICY_MAX_SCORE));
        assertEquals("X-Api-Captcha", api.get(Keys.TOKEN_HEADER));
        assertEquals(Mode.MONITOR, api.get(Keys.MODE));
        assertTrue(configuration.policy("other", config).isEmpty());
    }

    @Test
    void everyPerFilterKeyHasItsNameInAPolicy() {
        assertEquals(List.of("methods", "token.header", "token.json-pointer", "token.form-param", "body.max-bytes",
                "reject.status", "max-score", "allow-when-unreachable", "reject-gateway-failover", "allowed-origins",
                "mode"), Keys.ALL.stream().filter(key -> key.scope() == Key.Scope.PER_FILTER).map(Key::policyParam)
                .toList());
    }

    @Test
    void badValuesUnknownAndGlobalKeysFailTheDeploymentNamingTheFullKey() {
        List<String> problems = Configuration.read(VALID.with("trustcaptcha.policies.signup.max-score", "high")
                .with("trustcaptcha.policies.signup.max-scor", "0.3")
                .with("trustcaptcha.policies.signup.replay.ttl", "PT1M")
                .with("trustcaptcha.policies.signup.methods", "OPTIONS")
                .with("trustcaptcha.policies.sign up.max-score", "0.3")
                .with("trustcaptcha.policies.bare", "0.3")).problems();
        assertEquals(List.of(
                "trustcaptcha.policies.bare: unknown key (a named policy's keys are trustcaptcha.policies.<name>.<key>, "
                        + "the name of letters, digits, - and _)",
                "trustcaptcha.policies.sign up.max-score: unknown key (a named policy's keys are "
                        + "trustcaptcha.policies.<name>.<key>, the name of letters, digits, - and _)",
                "trustcaptcha.policies.signup.max-scor: unknown key, did you mean trustcaptcha.policies.signup.max-score?",
                "trustcaptcha.policies.signup.replay.ttl: cannot be set per policy: it is the global key "
                        + "trustcaptcha.replay.ttl",
                "trustcaptcha.policies.signup.methods: OPTIONS is never checked (browsers send CORS preflights without a "
                        + "token); remove it",
                "trustcaptcha.policies.signup.max-score: expected a number from 0.0 to 1.0, found 'high'"), problems);
    }

    @Test
    void aPolicyWhoseKeysAreNotListedByNameIsFoundWhenNamed() {
        // Payara and Open Liberty list an environment variable as TRUSTCAPTCHA_POLICIES_SIGNUP_MAX_SCORE: the policy
        // is found when a binding or the login names it, its keys looked up by name.
        MapConfig environment = VALID.with("trustcaptcha.policies.signup.max-score", "0.3")
                .with("trustcaptcha.policies.bad.max-score", "high")
                .unlisting("trustcaptcha.policies.signup.max-score", "trustcaptcha.policies.bad.max-score");
        Configuration configuration = Configuration.read(environment);
        assertEquals(List.of(), configuration.problems());
        assertEquals(0.3, configuration.policy("signup", environment).orElseThrow().get(Keys.POLICY_MAX_SCORE));
        assertEquals(List.of("trustcaptcha.policies.bad.max-score: expected a number from 0.0 to 1.0, found 'high'"),
                configuration.policy("bad", environment).orElseThrow().problems());
        assertTrue(configuration.policy("other", environment).isEmpty());
        assertEquals(List.of(), Configuration.read(environment.with("trustcaptcha.login.policy", "signup")).problems());
        assertEquals(List.of("trustcaptcha.login.policy: no key configures the policy 'other'; set at least one "
                + "trustcaptcha.policies.other.<key>, such as trustcaptcha.policies.other.max-score"),
                Configuration.read(environment.with("trustcaptcha.login.policy", "other")).problems());
    }

    @Test
    void theLoginsAnswerToARefusalIsAPageOfTheApplicationOrTheProblem() {
        for (String good : List.of("problem", "redirect:/login", "forward:/WEB-INF/login.jsp", "redirect:/a?b=c")) {
            assertEquals(List.of(), Configuration.read(VALID.with("trustcaptcha.login.on-refusal", good)).problems(),
                    good);
        }
        for (String bad : List.of("redirect:", "redirect:https://evil.example", "redirect://evil.example",
                "redirect:/\\evil.example", "forward:login", "page:/x", "redirect:/a b")) {
            assertEquals(1, Configuration.read(VALID.with("trustcaptcha.login.on-refusal", bad)).problems().size(),
                    bad);
        }
    }

    @Test
    void aPolicyKeyListedUnderItsEnvironmentNameIsKnown() {
        MapConfig environment = VALID.with("trustcaptcha.policies.signup.max.score", "0.3")
                .with("trustcaptcha.policies.signup.max-score", "0.3");
        assertEquals(List.of(), Configuration.read(environment).problems());
    }
}
